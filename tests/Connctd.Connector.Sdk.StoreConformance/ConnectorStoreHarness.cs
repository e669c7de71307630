using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// What the conformance suite needs from a store implementation, one harness per test: a fresh, empty database (a file,
/// a schema) with a store on it, more store objects on the same database (as a restarted process or another replica
/// would open), a clock, and a few looks behind the interface. Store objects it opened are disposed with it.
/// </summary>
public abstract class ConnectorStoreHarness : IAsyncDisposable
{
    private IConnectorStore? _store;

    /// <summary>The clock of every store the harness opens; starts at <see cref="StoreTestData.T0"/>.</summary>
    public FakeTimeProvider Time { get; } = new(T0);

    /// <summary>The store of the test, on its fresh database; not initialized yet (created on first use).</summary>
    public IConnectorStore Store => _store ??= OpenStore();

    /// <summary>The finest time step the store keeps: times are truncated to a multiple of it (SQLite: 1 tick; PostgreSQL: 1 µs).</summary>
    public abstract TimeSpan TimeResolution { get; }

    /// <summary>The schema version the store migrates to.</summary>
    public abstract int SchemaVersion { get; }

    /// <summary>
    /// Opens another store object on the test's database with resources of its own (a connection pool of its own), as
    /// another process or replica would; not initialized yet. Each call gives a distinct object.
    /// </summary>
    /// <returns>The store.</returns>
    public abstract IConnectorStore OpenStore();

    /// <summary>
    /// Runs a query on a connection of its own to the test's database and returns the first column of every row.
    /// Table names are written <c>{schema}.table</c>; the harness puts in what its store needs.
    /// </summary>
    /// <param name="sql">The query.</param>
    /// <returns>The values, null for SQL NULL.</returns>
    public abstract Task<IReadOnlyList<object?>> QueryAsync(string sql);

    /// <summary>Reads a time column as <see cref="QueryAsync"/> returns it (text, a timestamp…).</summary>
    /// <param name="value">The column value.</param>
    /// <returns>The time.</returns>
    public abstract DateTimeOffset ReadTime(object? value);

    /// <summary>Asserts that the inner exception of a refused write is the database's foreign-key violation.</summary>
    /// <param name="exception">The inner exception the store wrapped.</param>
    public abstract void AssertForeignKeyViolation(Exception? exception);

    /// <summary>Prepares a store object for a burst of concurrent calls (for example by filling its connection pool); nothing by default.</summary>
    /// <param name="store">A store the harness opened.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    public virtual Task WarmUpAsync(IConnectorStore store) => Task.CompletedTask;

    /// <summary>Disposes the store objects it opened and deletes the test's database.</summary>
    /// <returns>A task that completes when everything is cleaned up.</returns>
    public abstract ValueTask DisposeAsync();
}
