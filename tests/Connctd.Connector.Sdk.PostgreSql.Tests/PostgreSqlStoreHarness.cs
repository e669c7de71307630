using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.StoreConformance;
using Connctd.Connector.Sdk.TestInfrastructure;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL store for the conformance suite and the PostgreSQL-specific tests: a fresh schema of its own (a random
/// name) per test on the test server; disposes its stores and drops every schema it used.
/// </summary>
public sealed class PostgreSqlStoreHarness : ConnectorStoreHarness
{
    private readonly List<PostgreSqlConnectorStore> _stores = [];
    private readonly HashSet<string> _schemas = [];
    private int _pools;

    /// <summary>The schema of this test.</summary>
    public string Schema { get; } = NewSchemaName();

    /// <summary>The store of the test on <see cref="Schema"/>; not initialized yet.</summary>
    public new PostgreSqlConnectorStore Store => (PostgreSqlConnectorStore)base.Store;

    /// <inheritdoc />
    public override TimeSpan TimeResolution => TimeSpan.FromMicroseconds(1);

    /// <inheritdoc />
    public override int SchemaVersion => PostgreSqlConnectorStore.SchemaVersion;

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public override IConnectorStore OpenStore() => CreateStore();

    /// <summary>Another store object (with a connection pool of its own, like another replica) on the test's schema or another one.</summary>
    public PostgreSqlConnectorStore CreateStore(string? schema = null, Action<PostgreSqlConnectorStoreOptions>? configure = null)
    {
        var options = new PostgreSqlConnectorStoreOptions
        {
            // A distinct pool size gives each store a pool of its own even within one process.
            ConnectionString = PostgresServer.ConnectionStringWithPool(20 + Interlocked.Increment(ref _pools)),
            Schema = schema ?? Schema,
        };
        configure?.Invoke(options);
        var store = new PostgreSqlConnectorStore(options, logger: null, timeProvider: Time);
        lock (_stores)
        {
            _stores.Add(store);
            _schemas.Add(options.Schema);
        }

        return store;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<object?>> QueryAsync(string sql) => await QueryAsync(sql, []);

    /// <summary>Runs a statement (with <c>{schema}</c> for the test's schema) on a connection of its own and returns the first column of every row.</summary>
    public async Task<List<object?>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", "\"" + Schema + "\"", StringComparison.Ordinal), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<object?>();
        do
        {
            while (await reader.ReadAsync(Ct))
            {
                values.Add(reader.FieldCount == 0 || reader.IsDBNull(0) ? null : reader.GetValue(0));
            }
        }
        while (await reader.NextResultAsync(Ct));

        return values;
    }

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(object? value) => new(Assert.IsType<DateTime>(value), TimeSpan.Zero);

    /// <inheritdoc />
    public override void AssertForeignKeyViolation(Exception? exception) =>
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(exception).SqlState);

    /// <summary>Opens 20 connections in the store's pool and returns them, so later calls need not wait for new connections.</summary>
    public override async Task WarmUpAsync(IConnectorStore store)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < 20; i++)
        {
            connections.Add(await Assert.IsType<PostgreSqlConnectorStore>(store).OpenNpgsqlConnectionAsync(Ct));
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        PostgreSqlConnectorStore[] stores;
        string[] schemas;
        lock (_stores)
        {
            stores = [.. _stores];
            schemas = [.. _schemas];
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var schema in schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }
}
