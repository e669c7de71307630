using System.Diagnostics;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;

/// <summary>
/// A real connector host (Kestrel on 127.0.0.1, SQLite in a directory of its own) against a real fake platform
/// (<see cref="FakeConnctdPlatform"/>, which signs the callbacks and records the platform calls), with OpenTelemetry
/// registered as an application does it: <c>AddConnctdInstrumentation()</c> on both builders, ASP.NET Core's
/// instrumentation for the server span, and in-memory exporters the tests read.
/// </summary>
public sealed class TelemetryHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _directory;
    private readonly LockedCollection<MetricSnapshot> _exportedMetrics = new();
    private WebApplication? _app;

    private TelemetryHost(FakeConnctdPlatform platform, string directory)
    {
        Platform = platform;
        _directory = directory;
    }

    public FakeConnctdPlatform Platform { get; }

    /// <summary>Signed callbacks to the host, through Kestrel.</summary>
    public ConnectorUnderTest Connector { get; private set; } = null!;

    public LampBehavior Behavior { get; } = new();

    /// <summary>Every span exported so far: the SDK's and ASP.NET Core's.</summary>
    public LockedCollection<Activity> Spans { get; } = new();

    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The host is not running.")).Services;

    /// <summary>The connector's platform handle, to send property updates through the outbox.</summary>
    public IConnectorPlatform ConnectorPlatform => Services.GetRequiredService<IConnectorPlatform>();

    public static async Task<TelemetryHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "connctd-otel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var host = new TelemetryHost(await FakeConnctdPlatform.StartAsync(), directory);
        try
        {
            await host.StartAppAsync(settings);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Installs and instantiates with valid callbacks; returns the ids and the lamp's thing id on the platform.</summary>
    public async Task<Setup> InstantiateAsync()
    {
        SetupCallbackResponse installation = await Connector.InstallAsync();
        Assert.True(installation.StatusCode == 201, installation.ToString());
        SetupCallbackResponse instance = await Connector.InstantiateAsync(installation.Id);
        Assert.True(instance.StatusCode == 201, instance.ToString());
        IReadOnlyList<RecordedThing> things = await Platform.WaitForThingsAsync(instance.Id, 1);
        return new Setup(installation.Id, instance.Id, things[0].ThingId);
    }

    /// <summary>Sends a value of the lamp's property <c>lamp/on</c> through the outbox.</summary>
    public Task UpdateLampAsync(Setup setup, bool on) =>
        ConnectorPlatform.UpdatePropertyAsync(ThingReference.ByExternalId(setup.InstanceId, LampConnector.ExternalId), "lamp", "on", on ? "true" : "false");

    /// <summary>The status the platform answered the first accepted call of <paramref name="operation"/> with.</summary>
    public int AcceptedStatusOf(PlatformOperation operation) =>
        Platform.Requests.First(request => request.Operation == operation && request.Accepted).StatusCode;

    /// <summary>Waits until a span matching <paramref name="match"/> was exported and returns it.</summary>
    public async Task<Activity> WaitForSpanAsync(Func<Activity, bool> match, string description)
    {
        Activity? found = null;
        await WaitUntilAsync(() => (found = Spans.Snapshot().FirstOrDefault(match)) is not null, () => $"a span {description}; exported: {SpanNames()}");
        return found!;
    }

    /// <summary>Exports the metrics now (cumulative, so each export holds every total) and returns them by instrument name.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        _exportedMetrics.Clear();
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(), "the meter provider did not flush");
        return _exportedMetrics.Snapshot()
            .GroupBy(metric => metric.Name)
            .ToDictionary(group => group.Key, group => group.Last());
    }

    /// <summary>Collects the metrics until <paramref name="condition"/> holds for the instrument <paramref name="name"/>, and returns it.</summary>
    public async Task<MetricSnapshot> WaitForMetricAsync(string name, Func<MetricSnapshot, bool> condition, string description)
    {
        MetricSnapshot? last = null;
        await WaitUntilAsync(
            () => CollectMetrics().TryGetValue(name, out last) && condition(last),
            () => $"{name} {description}; last export: {(last is null ? "none" : Telemetry.Describe(last))}");
        return last!;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> description)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (limit.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {Patience.TotalSeconds} s waiting for {description()}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private string SpanNames() => string.Join(", ", Spans.Snapshot().Select(span => $"{span.DisplayName} ({span.Kind})"));

    private async Task StartAppAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseFakeConnctdPlatform(Platform);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Every failure reaches the outbox at once (no retries inside the call), and its retries come quickly.
            ["Connctd:Resilience:MaxRetries"] = "0",
            ["Connctd:Resilience:AttemptTimeout"] = "00:00:05",
            ["Connctd:Resilience:TotalTimeout"] = "00:00:20",
            ["Connctd:Resilience:CircuitBreakerThreshold"] = "1000",
            ["Connctd:Outbox:RetryDelay"] = "00:00:00.050",
            ["Connctd:Outbox:MaxRetryDelay"] = "00:00:00.200",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Behavior);
        builder.Services.AddConnctdConnector<LampConnector>(builder.Configuration.GetSection("Connctd"));
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddConnctdInstrumentation().AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddConnctdInstrumentation().AddInMemoryExporter(
                _exportedMetrics,
                reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Timeout.Infinite));
        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        await app.StartAsync();
        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Connector = Platform.ConnectTo(new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Connector?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An installed instance with its lamp.</summary>
public sealed record Setup(string InstallationId, string InstanceId, string ThingId);
