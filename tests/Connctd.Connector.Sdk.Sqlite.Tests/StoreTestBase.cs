using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>The base of the SQLite-specific tests: a <see cref="SqliteStoreHarness"/> per test, typed for the SQLite store.</summary>
public abstract class StoreTestBase : IClassFixture<TempDirectoryFixture>, IAsyncLifetime
{
    protected StoreTestBase(TempDirectoryFixture directory)
    {
        Directory = directory;
        Harness = new SqliteStoreHarness(directory);
    }

    protected SqliteStoreHarness Harness { get; }

    protected TempDirectoryFixture Directory { get; }

    /// <summary>The database file of this test.</summary>
    protected string DatabasePath => Harness.DatabasePath;

    protected FakeTimeProvider Time => Harness.Time;

    /// <summary>A store on <see cref="DatabasePath"/>; not initialized yet.</summary>
    protected SqliteConnectorStore Store => Harness.Store;

    /// <summary>Another store object on the same file, or on another path.</summary>
    protected SqliteConnectorStore CreateStore(string? path = null, Action<SqliteConnectorStoreOptions>? configure = null) =>
        Harness.CreateStore(path, configure);

    /// <summary>Runs a query on a connection of its own to the test's file and returns the first column of every row.</summary>
    protected Task<List<object?>> QueryAsync(string sql, params (string Name, object Value)[] parameters) => Harness.QueryAsync(sql, parameters);

    protected async Task<long> CountAsync(string table) =>
        (long)(await QueryAsync($"SELECT COUNT(*) FROM {table};"))[0]!;

    /// <summary>Stores installation "inst" with instance "i1" (and more instances if named).</summary>
    protected Task SeedAsync(params string[] instanceIds) => StoreConformance.StoreTestData.SeedAsync(Store, instanceIds);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
