using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.StoreConformance;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>
/// The SQLite store for the conformance suite and the SQLite-specific tests: a database file of its own per test in the
/// class's temporary directory; every store object it opens is disposed with it.
/// </summary>
public sealed class SqliteStoreHarness(TempDirectoryFixture directory) : ConnectorStoreHarness
{
    private readonly List<SqliteConnectorStore> _stores = [];
    private int _opened;

    /// <summary>The database file of this test.</summary>
    public string DatabasePath { get; } = directory.NewDatabasePath();

    /// <summary>The store of the test (default options) on <see cref="DatabasePath"/>; not initialized yet.</summary>
    public new SqliteConnectorStore Store => (SqliteConnectorStore)base.Store;

    /// <inheritdoc />
    public override TimeSpan TimeResolution => TimeSpan.FromTicks(1);

    /// <inheritdoc />
    public override int SchemaVersion => SqliteConnectorStore.SchemaVersion;

    /// <summary>
    /// The first store opened has default options; later ones have distinct busy timeouts (31 s, 32 s, …), which give
    /// each a connection pool of its own, as separate processes would have.
    /// </summary>
    public override IConnectorStore OpenStore()
    {
        var n = Interlocked.Increment(ref _opened) - 1;
        return n == 0 ? CreateStore() : CreateStore(configure: o => o.BusyTimeout = TimeSpan.FromSeconds(30 + n));
    }

    /// <summary>Another store object on the test's file, or on another path.</summary>
    public SqliteConnectorStore CreateStore(string? path = null, Action<SqliteConnectorStoreOptions>? configure = null)
    {
        var options = new SqliteConnectorStoreOptions { DatabasePath = path ?? DatabasePath };
        configure?.Invoke(options);
        var store = new SqliteConnectorStore(options, logger: null, timeProvider: Time);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<object?>> QueryAsync(string sql) => await QueryAsync(sql, []);

    /// <summary>Runs a query (<c>{schema}.</c> is dropped) on a connection of its own to the test's file and returns the first column of every row.</summary>
    public async Task<List<object?>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = await Store.OpenSqliteConnectionAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("{schema}.", string.Empty, StringComparison.Ordinal);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<object?>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(object? value) => SqliteValues.ParseTime(Assert.IsType<string>(value));

    /// <inheritdoc />
    public override void AssertForeignKeyViolation(Exception? exception)
    {
        const int SqliteConstraint = 19;
        Assert.Equal(SqliteConstraint, Assert.IsType<SqliteException>(exception).SqliteErrorCode);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        lock (_stores)
        {
            foreach (var store in _stores)
            {
                store.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }
}
