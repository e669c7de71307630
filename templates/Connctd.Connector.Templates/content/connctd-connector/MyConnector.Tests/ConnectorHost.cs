using Connctd.Connector.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MyConnector.Tests;

/// <summary>
/// The connector as it runs — Kestrel on 127.0.0.1, SQLite in a temporary folder — next to a fake connctd platform that
/// holds the publication's key pair, sends really signed callbacks and records every call the connector makes.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "MyConnector.Tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    private ConnectorHost(FakeConnctdPlatform platform) => Platform = platform;

    /// <summary>The fake platform: its records (things, property updates, statuses) and its awaitable assertions.</summary>
    public FakeConnctdPlatform Platform { get; }

    /// <summary>Sends signed (or deliberately badly signed) callbacks to the connector.</summary>
    public ConnectorUnderTest Connector { get; private set; } = null!;

    public static async Task<ConnectorHost> StartAsync()
    {
        var host = new ConnectorHost(await FakeConnctdPlatform.StartAsync());
        Directory.CreateDirectory(host._directory);
        host._app = ConnectorApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(host.Platform.ConnectorSettings);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connctd:Sqlite:DatabasePath"] = Path.Combine(host._directory, "connector.db"),
            });
        });
        await host._app.StartAsync();
        string address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Connector = host.Platform.ConnectTo(new Uri(address));
        return host;
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
