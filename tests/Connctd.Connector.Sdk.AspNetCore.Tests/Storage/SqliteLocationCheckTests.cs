using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Storage;

/// <summary>
/// A SQLite database inside the directory the host watches for configuration changes is reported at start-up
/// (event 3025), because every commit then wakes the host's file watcher; a database elsewhere, or a host that
/// does not reload its configuration files, is not.
/// </summary>
public sealed class SqliteLocationCheckTests : IDisposable
{
    private const int WatchedEvent = 3025;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "connctd-location-" + Guid.NewGuid().ToString("N"));
    private readonly FakePlatformApi _platform = new();

    public SqliteLocationCheckTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        _platform.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task DefaultDatabaseInTheContentRoot_IsReportedWithWhatToChange()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform, directory: Path.Combine(_root, "app"));
        await host.StartAsync();

        var store = (SqliteConnectorStore)host.Store;
        Assert.StartsWith(host.Directory, store.DatabasePath, StringComparison.Ordinal);
        Microsoft.Extensions.Logging.Testing.FakeLogRecord record = Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Id == WatchedEvent);
        Assert.Equal(LogLevel.Information, record.Level); // the test host runs as Development; Warning otherwise
        Assert.Contains(store.DatabasePath, record.Message, StringComparison.Ordinal);
        Assert.Contains("Connctd:Sqlite:DatabasePath", record.Message, StringComparison.Ordinal);
        Assert.Contains("hostBuilder:reloadConfigOnChange", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseOutsideTheContentRoot_IsNotReported()
    {
        string database = Path.Combine(_root, "data", "connector.db");
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform, directory: Path.Combine(_root, "app"));
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Connctd:Sqlite:DatabasePath"] = database });
        await host.StartAsync();

        Assert.Equal(database, ((SqliteConnectorStore)host.Store).DatabasePath);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log => log.Id.Id == WatchedEvent);
    }

    [Theory]
    [InlineData("app/connector.db", true)]
    [InlineData("app/data/nested/connector.db", true)]
    [InlineData("app-data/connector.db", false)] // a sibling whose name starts like the watched directory
    [InlineData("connector.db", false)]
    public void FindWatchingDirectory_CoversTheFileProvidersRootAndBelow(string databasePath, bool watched)
    {
        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        using var files = new PhysicalFileProvider(app);
        IConfigurationRoot configuration = new ConfigurationBuilder()
            .AddJsonFile(files, "appsettings.json", optional: true, reloadOnChange: true)
            .Build();

        string? directory = SqliteLocationCheck.FindWatchingDirectory(Path.Combine(_root, databasePath), configuration);

        Assert.Equal(watched ? app : null, directory);
    }

    [Fact]
    public void FindWatchingDirectory_IgnoresFilesNotReloaded()
    {
        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        using var files = new PhysicalFileProvider(app);
        IConfigurationRoot notReloaded = new ConfigurationBuilder().AddJsonFile(files, "appsettings.json", optional: true, reloadOnChange: false).Build();

        Assert.Null(SqliteLocationCheck.FindWatchingDirectory(Path.Combine(app, "connector.db"), notReloaded));
    }
}
