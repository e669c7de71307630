using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.OutboxThroughput;

/// <summary>
/// The connector under test, built as an author builds one (<c>AddConnctdConnector</c> around
/// <see cref="BenchConnector"/>, the chosen store, <c>MapConnctdConnector</c>) on 127.0.0.1, with the platform stub as
/// its platform. Built without starting it, nothing runs in the background, so updates can be queued first and the
/// delivery worker measured alone once it starts. Logging at Warning to the console.
/// </summary>
internal sealed class ConnectorHost : IAsyncDisposable
{
    private bool _started;

    private ConnectorHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IConnectorPlatform Platform => App.Services.GetRequiredService<IConnectorPlatform>();

    public IConnectorStore Store => App.Services.GetRequiredService<IConnectorStore>();

    public Uri? ConnectorBase { get; private set; }

    public static ConnectorHost Build(string directory, string publicKey, Uri platformUrl, string? postgres, string schema, int batchSize, int concurrentDeliveries)
    {
        // The database lies outside the content root, as event 3025 asks: the host watches its content root for
        // configuration changes, and a database inside it wakes that watcher with every commit.
        string contentRoot = Directory.CreateDirectory(Path.Combine(directory, "content")).FullName;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ConnctdConnectorBuilder connector = builder.Services.AddConnctdConnector<BenchConnector>(options =>
        {
            options.PublicKey = publicKey;
            options.PlatformUrl = platformUrl;
            options.Outbox.BatchSize = batchSize;
            options.Outbox.MaxConcurrentDeliveries = concurrentDeliveries;
        });
        if (postgres is null)
        {
            connector.UseSqlite(sqlite => sqlite.DatabasePath = Path.Combine(directory, "connector.db"));
        }
        else
        {
            connector.UsePostgreSql(postgres, options => options.Schema = schema);
        }

        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        return new ConnectorHost(app);
    }

    public async Task StartAsync()
    {
        await App.StartAsync();
        _started = true;
        string address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ConnectorBase = new Uri(address.TrimEnd('/') + "/connctd/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await App.StopAsync();
        }

        await App.DisposeAsync();
    }
}
