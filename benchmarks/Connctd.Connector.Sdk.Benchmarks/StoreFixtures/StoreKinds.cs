using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Benchmarks.StoreFixtures;

/// <summary>
/// The stores the store benchmarks run against: SQLite always; PostgreSQL when <c>CONNCTD_BENCH_POSTGRES</c> holds a
/// connection string.
/// </summary>
public static class StoreKinds
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
    public const string PostgresVariable = "CONNCTD_BENCH_POSTGRES";

    public static IEnumerable<string> Available()
    {
        yield return Sqlite;
        if (PostgreSqlStoreFactory.Availability() is null)
        {
            yield return PostgreSql;
        }
    }

    /// <summary>The store of a kind on the shared database of <paramref name="data"/>'s mappings (built on first use).</summary>
    public static async Task<IConnectorStore> OpenMappingsAsync(string store, MappingData data) => store == PostgreSql
        ? await PostgreSqlStoreFactory.OpenMappingsAsync(data)
        : await SqliteStoreFactory.OpenMappingsAsync(data);

    /// <summary>As <see cref="OpenMappingsAsync"/>, with the action records of earlier runs deleted.</summary>
    public static async Task<IConnectorStore> OpenMappingsWithoutActionsAsync(string store, MappingData data)
    {
        IConnectorStore opened = await OpenMappingsAsync(store, data);
        await opened.DeleteActionsOlderThanAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        return opened;
    }

    /// <summary>Deletes the action records a benchmark wrote, then closes the store.</summary>
    public static async Task DisposeWithoutActionsAsync(IConnectorStore store)
    {
        await store.DeleteActionsOlderThanAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        await DisposeAsync(store);
    }

    /// <summary>Closes a store's connections; SQLite files of empty stores are deleted by <see cref="SqliteStoreFactory.Delete"/> instead.</summary>
    public static async Task DisposeAsync(IConnectorStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>One line for the console: whether PostgreSQL is measured, and why not.</summary>
    public static string Describe() => PostgreSqlStoreFactory.Availability() is { } reason
        ? $"// PostgreSQL store: not measured ({reason})."
        : "// PostgreSQL store: measured (CONNCTD_BENCH_POSTGRES is set).";
}
