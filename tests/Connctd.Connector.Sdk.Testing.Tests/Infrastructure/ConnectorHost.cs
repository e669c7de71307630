using Connctd.Connector.Sdk.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Testing.Tests.Infrastructure;

/// <summary>
/// The probe connector hosted against a fake platform: on Kestrel (127.0.0.1, free port) or on TestServer (as
/// WebApplicationFactory does), with its SQLite file in a directory of its own.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly string _directory;
    private HttpClient? _testClient;

    private ConnectorHost(WebApplication app, string directory, ProbeBehavior behavior)
    {
        App = app;
        _directory = directory;
        Behavior = behavior;
    }

    public WebApplication App { get; }

    public ProbeBehavior Behavior { get; }

    public IConnectorPlatform Platform => App.Services.GetRequiredService<IConnectorPlatform>();

    public Uri? Address { get; private set; }

    public static async Task<ConnectorHost> StartAsync(
        FakeConnctdPlatform platform,
        bool testServer = false,
        Action<ConnctdConnectorBuilder>? connector = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "connctd-testing-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        if (testServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.WebHost.UseFakeConnctdPlatform(platform);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Resilience:RetryDelay"] = "00:00:00.050",
            ["Connctd:Resilience:UseJitter"] = "false",
            ["Connctd:Resilience:AttemptTimeout"] = "00:00:05",
            ["Connctd:Resilience:TotalTimeout"] = "00:00:20",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        var behavior = new ProbeBehavior();
        builder.Services.AddSingleton(behavior);
        ConnctdConnectorBuilder registration = builder.Services.AddConnctdConnector<ProbeConnector>(builder.Configuration.GetSection("Connctd"));
        connector?.Invoke(registration);
        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        await app.StartAsync();
        var host = new ConnectorHost(app, directory, behavior);
        if (!testServer)
        {
            host.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        return host;
    }

    /// <summary>A sender to this connector: through Kestrel by address, or through the TestServer's client.</summary>
    public ConnectorUnderTest Connect(FakeConnctdPlatform platform)
    {
        if (Address is not null)
        {
            return platform.ConnectTo(Address);
        }

        _testClient ??= App.GetTestClient();
        return platform.ConnectTo(_testClient);
    }

    public async ValueTask DisposeAsync()
    {
        _testClient?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
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
