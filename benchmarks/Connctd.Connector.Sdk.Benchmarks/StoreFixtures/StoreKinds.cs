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
