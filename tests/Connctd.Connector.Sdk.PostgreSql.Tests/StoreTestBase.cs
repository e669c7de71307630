using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>The base of the PostgreSQL-specific tests: a <see cref="PostgreSqlStoreHarness"/> per test, typed for the PostgreSQL store.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    protected PostgreSqlStoreHarness Harness { get; } = new();

    /// <summary>The schema of this test.</summary>
    protected string Schema => Harness.Schema;

    protected FakeTimeProvider Time => Harness.Time;

    /// <summary>A store on <see cref="Schema"/>; not initialized yet.</summary>
    protected PostgreSqlConnectorStore Store => Harness.Store;

    protected static string NewSchemaName() => PostgreSqlStoreHarness.NewSchemaName();

    /// <summary>Another store object (with a connection pool of its own, like another replica) on the test's schema or another one.</summary>
    protected PostgreSqlConnectorStore CreateStore(string? schema = null, Action<PostgreSqlConnectorStoreOptions>? configure = null) =>
        Harness.CreateStore(schema, configure);

    /// <summary>Runs a statement (with <c>{schema}</c> for the test's schema) on a connection of its own and returns the first column of every row.</summary>
    protected Task<List<object?>> QueryAsync(string sql, params (string Name, object Value)[] parameters) => Harness.QueryAsync(sql, parameters);

    protected async Task<long> CountAsync(string table) =>
        (long)(await QueryAsync($"SELECT COUNT(*) FROM {{schema}}.{table};"))[0]!;

    /// <summary>Stores installation "inst" with instance "i1" (and more instances if named).</summary>
    protected Task SeedAsync(params string[] instanceIds) => StoreConformance.StoreTestData.SeedAsync(Store, instanceIds);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
