using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary><c>UseSqlite</c> on the connector builder: the store is registered and its options are checked at start-up.</summary>
public sealed class SqliteConnectorStoreRegistrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("connctd-sqlite-registration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task UseSqlite_ValidOptions_RegistersTheStore()
    {
        var services = new ServiceCollection();
        new Builder(services).UseSqlite(options => options.DatabasePath = Path.Combine(_directory, "connector.db"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var store = Assert.IsType<SqliteConnectorStore>(provider.GetRequiredService<IConnectorStore>());
        await store.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_directory, "connector.db")));
    }

    [Fact]
    public void UseSqlite_BadBusyTimeout_FailsAtStartNamingTheOption()
    {
        var services = new ServiceCollection();
        new Builder(services).UseSqlite(options =>
        {
            options.DatabasePath = Path.Combine(_directory, "connector.db");
            options.BusyTimeout = TimeSpan.Zero;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("BusyTimeout", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AddConnctdSqliteStore_InMemoryDatabase_FailsAtStart()
    {
        var services = new ServiceCollection();
        services.Configure<SqliteConnectorStoreOptions>(options => options.DatabasePath = ":memory:");
        services.AddConnctdSqliteStore().AddConnctdSqliteStore();
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Registered twice, validated once.
        Assert.Contains("DatabasePath", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    /// <summary>The builder as a package other than the hosting one sees it: only the services.</summary>
    private sealed class Builder(IServiceCollection services) : IConnctdConnectorBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
