using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A real connector host: Kestrel on 127.0.0.1 with a free port, a SQLite file in its own directory, the platform
/// API on WireMock, and every log line captured. Stop and start it again on the same directory to test restarts.
/// </summary>
public sealed class ConnectorTestHost : IAsyncDisposable
{
    private WebApplication? _app;

    private ConnectorTestHost(string directory, RequestSigner signer, FakePlatformApi platform)
    {
        Directory = directory;
        Signer = signer;
        Platform = platform;
    }

    public string Directory { get; }

    public RequestSigner Signer { get; }

    public FakePlatformApi Platform { get; }

    public TestConnectorBehavior Behavior { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public WebApplication App => _app ?? throw new InvalidOperationException("The host is not running.");

    public IServiceProvider Services => App.Services;

    /// <summary>The store of the running host, to check what was kept.</summary>
    public IConnectorStore Store => Services.GetRequiredService<IConnectorStore>();

    /// <summary>The connector's platform handle of the running host.</summary>
    public IConnectorPlatform ConnectorPlatform => Services.GetRequiredService<IConnectorPlatform>();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Action<Microsoft.Extensions.Configuration.IConfigurationBuilder>? Configure { get; set; }

    public Action<ConnctdConnectorBuilder>? ConfigureConnector { get; set; }

    public Action<ConnctdConnectorOptions>? ConfigureOptions { get; set; }

    /// <summary>Maps more endpoints (a health endpoint, say) after the callbacks.</summary>
    public Action<WebApplication>? ConfigureApp { get; set; }

    /// <summary>The prefix the callbacks are mapped under.</summary>
    public string Prefix { get; set; } = "/connctd";

    public static ConnectorTestHost Create(FakePlatformApi platform, RequestSigner? signer = null, string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "connctd-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new ConnectorTestHost(directory, signer ?? RequestSigner.Generate(), platform);
    }

    public async Task<ConnectorTestHost> StartAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory,
            EnvironmentName = "Development",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(Logs));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKey"] = Signer.PublicKey.ToBase64(),
            ["Connctd:PlatformUrl"] = Platform.BaseUrl.ToString(),
            ["Connctd:Resilience:RetryDelay"] = "00:00:00.050",
            // Generous: a create-thing call that times out has an unknown outcome and is never sent again (502), and on a
            // busy machine the fake platform may take seconds to answer. Tests about timeouts set their own.
            ["Connctd:Resilience:AttemptTimeout"] = "00:00:20",
            ["Connctd:Resilience:TotalTimeout"] = "00:00:45",
        });
        Configure?.Invoke(builder.Configuration);
        builder.Services.AddSingleton(Behavior);
        ConnctdConnectorBuilder connector = builder.Services.AddConnctdConnector<TestConnector>(builder.Configuration.GetSection("Connctd"));
        if (ConfigureOptions is not null)
        {
            builder.Services.Configure(ConfigureOptions);
        }

        ConfigureConnector?.Invoke(connector);
        WebApplication app = builder.Build();
        app.MapConnctdConnector(Prefix);
        ConfigureApp?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return this;
    }

    public CallbackSender Callbacks() => new(BaseAddress, Signer);

    /// <summary>Stops the host and starts a new one (new service provider, new port) on the same directory and SQLite file.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>All log output so far, one line per entry, with the exception text.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(record => $"{record.Category} {record.Level} {record.Message} {record.Exception}"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Already deleted by another host on the same directory, or a file is still held; the temp dir is cleaned anyway.
        }
    }
}
