using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// The test connector (<see cref="DurabilityApp"/>) as a real in-process host: Kestrel on 127.0.0.1 with a free port,
/// its store from the settings, every log line captured. Several hosts on one store act as replicas.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private ConnectorHost(WebApplication app, Uri baseAddress, FakeLogCollector logs)
    {
        _app = app;
        BaseAddress = baseAddress;
        Logs = logs;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public IConnectorPlatform Platform => Services.GetRequiredService<IConnectorPlatform>();

    public IConnectorStore Store => Services.GetRequiredService<IConnectorStore>();

    public FakeLogCollector Logs { get; }

    public static async Task<ConnectorHost> StartAsync(
        string contentRoot, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var logs = new FakeLogCollector();
        WebApplication app = DurabilityApp.Create(
            new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Development" },
            builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Logging.AddProvider(new FakeLoggerProvider(logs));
                configureServices?.Invoke(builder.Services);
            });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConnectorHost(app, new Uri(address.EndsWith('/') ? address : address + "/"), logs);
    }

    /// <summary>Stops the host gracefully (the outbox drains); the service provider stays usable until disposed.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _app.StopAsync(timeout.Token);
        }
    }

    /// <summary>Every log line so far, for failure messages.</summary>
    public string LogText() => string.Join('\n', Logs.GetSnapshot().Select(record => $"{record.Level} {record.Category}: {record.Message} {record.Exception?.GetType().Name}"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
