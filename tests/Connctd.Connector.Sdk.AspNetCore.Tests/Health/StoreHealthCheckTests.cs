using System.Net;
using System.Net.Sockets;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Health;

/// <summary>The health check <c>connctd-store</c> against stores that really cannot be reached.</summary>
public sealed class StoreHealthCheckTests : IAsyncLifetime
{
    private readonly FakePlatformApi _platform = new();
    private ConnectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = ConnectorTestHost.Create(_platform);
        _host.ConfigureConnector = connector => connector.Services.AddHealthChecks().AddConnctdConnectorChecks();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _platform.Dispose();
    }

    [Fact]
    public async Task StoreCheck_SqliteFileReplacedByADirectory_Unhealthy()
    {
        HealthReport before = await CheckAsync(_host.Services);
        Assert.Equal(HealthStatus.Healthy, before.Entries[ConnctdHealthCheckNames.Store].Status);

        // Root ignores file permissions, so the file cannot be made unreadable: put a directory where it was. Pooled
        // connections still hold the old file open; clearing the pools makes every check open the path anew.
        string path = ((SqliteConnectorStore)_host.Store).DatabasePath;
        SqliteConnection.ClearAllPools();
        foreach (string file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(path);
        SqliteConnection.ClearAllPools();

        HealthReport report = await WaitForStoreStatusAsync(_host.Services, HealthStatus.Unhealthy);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains(ConnctdHealthCheckNames.Tag, report.Entries[ConnctdHealthCheckNames.Store].Tags);
        Assert.Null(report.Entries[ConnctdHealthCheckNames.Store].Exception);
    }

    [Fact]
    public async Task StoreCheck_PostgreSqlOnAClosedPort_Unhealthy()
    {
        int closedPort = ClosedPort();
        using var signer = RequestSigner.Generate();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new TestConnectorBehavior());
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKey"] = signer.PublicKey.ToBase64(),
            ["Connctd:PlatformUrl"] = _platform.BaseUrl.ToString(),
        }).Build();
        services.AddConnctdConnector<TestConnector>(configuration.GetSection("Connctd"))
            .UsePostgreSql($"Host=127.0.0.1;Port={closedPort};Username=connctd;Password=unused;Database=connctd;Timeout=5;Pooling=false");
        services.AddHealthChecks().AddConnctdConnectorChecks();
        await using ServiceProvider provider = services.BuildServiceProvider();

        HealthReport report = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[ConnctdHealthCheckNames.Store].Status);
        Assert.Null(report.Entries[ConnctdHealthCheckNames.Store].Exception);
    }

    private static Task<HealthReport> CheckAsync(IServiceProvider services) =>
        services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Tags.Contains(ConnctdHealthCheckNames.Tag));

    private static async Task<HealthReport> WaitForStoreStatusAsync(IServiceProvider services, HealthStatus status)
    {
        HealthReport report = await CheckAsync(services);
        await Eventually.UntilAsync(
            async () => (report = await CheckAsync(services)).Entries[ConnctdHealthCheckNames.Store].Status == status,
            $"the store check to be {status}");
        return report;
    }

    /// <summary>A port on 127.0.0.1 nothing listens on: one the system just handed out and that was closed again.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
