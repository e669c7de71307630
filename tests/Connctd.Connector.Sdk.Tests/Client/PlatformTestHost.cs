using System.Collections.Concurrent;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.Tests.Client;

/// <summary>
/// A WireMock.Net platform on 127.0.0.1 and a <see cref="PlatformClient"/> built through a real service collection
/// with <see cref="PlatformClientServiceCollectionExtensions.AddConnctdPlatformClient(IServiceCollection, Action{PlatformClientOptions})"/>,
/// fake logging at Trace level, and a recorder of the request targets exactly as they left the client.
/// </summary>
internal sealed class PlatformTestHost : IDisposable
{
    public const string RawInstanceToken = "inst-tok-5f0c9e2a-SECRET";
    public const string RawInstallationToken = "inst-all-tok-77aa01-SECRET";
    public const string BasePath = "/api/v1";

    private readonly ServiceProvider _provider;

    public PlatformTestHost(Action<PlatformResilienceOptions>? configure = null, Uri? baseUrl = null)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        services
            .AddConnctdPlatformClient(options =>
            {
                // No trailing slash on purpose: the client must add it.
                options.BaseUrl = baseUrl ?? new Uri(Server.Url + BasePath);
                options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
                options.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
                options.Resilience.RetryDelay = TimeSpan.FromMilliseconds(50);
                options.Resilience.UseJitter = false;
                configure?.Invoke(options.Resilience);
            })
            .AddHttpMessageHandler(() => new RecordingHandler(SentTargets));
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<PlatformClient>();
    }

    public WireMockServer Server { get; }

    public PlatformClient Client { get; }

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    /// <summary>Method and path-and-query of every attempt, as handed to the transport.</summary>
    public ConcurrentQueue<string> SentTargets { get; } = new();

    public static InstanceToken InstanceToken { get; } = new(RawInstanceToken);

    public static InstallationToken InstallationToken { get; } = new(RawInstallationToken);

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.OrderBy(entry => entry.RequestMessage.DateTime).ToList();

    /// <summary>Waits (at most <paramref name="timeout"/>) until the server has logged <paramref name="count"/> requests.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (Server.LogEntries.Count < count && !cancellation.IsCancellationRequested)
        {
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        _provider.Dispose();
        Server.Stop();
        Server.Dispose();
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> targets) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            targets.Enqueue(request.Method.Method + " " + request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
