using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.PostgreSql;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.TestInfrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// The store of one test: a SQLite file in a temporary directory of its own, or a fresh PostgreSQL schema (dropped on
/// dispose). Every host and child process of the test uses it through <see cref="Settings"/>; <see cref="Open"/> gives the
/// test a store object of its own to look inside (statistics, dead letters).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly List<IConnectorStore> _opened = [];
    private int _directories;

    private TestStore(StoreKind kind)
    {
        Kind = kind;
        Root = Path.Combine(Path.GetTempPath(), "connctd-durability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        DatabasePath = Path.Combine(Root, "connctd-connector.db");
        Schema = "d_" + Guid.NewGuid().ToString("N");
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public StoreKind Kind { get; }

    /// <summary>The test's temporary directory; the SQLite file lies directly in it.</summary>
    public string Root { get; }

    /// <summary>The SQLite file (used only with <see cref="StoreKind.Sqlite"/>).</summary>
    public string DatabasePath { get; }

    /// <summary>The PostgreSQL schema (used only with <see cref="StoreKind.PostgreSql"/>).</summary>
    public string Schema { get; }

    public static TestStore Create(StoreKind kind) => new(kind);

    /// <summary>The configuration that points a connector at this store.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => Kind == StoreKind.Sqlite
        ? new Dictionary<string, string?> { ["Connctd:Sqlite:DatabasePath"] = DatabasePath }
        : new Dictionary<string, string?>
        {
            [DurabilityApp.PostgreSqlKey] = PostgresServer.ConnectionString,
            [DurabilityApp.SchemaKey] = Schema,
        };

    /// <summary>Short waits for a busy store (SQLite busy timeout, PostgreSQL command timeout), so a held lock makes store calls fail soon.</summary>
    public IReadOnlyDictionary<string, string?> ShortStoreTimeouts() => Kind == StoreKind.Sqlite
        ? new Dictionary<string, string?> { ["Connctd:Sqlite:BusyTimeout"] = "00:00:00.300" }
        : new Dictionary<string, string?> { [DurabilityApp.CommandTimeoutKey] = "00:00:01" };

    /// <summary>
    /// Blocks every write to the outbox until disposed, as another process or a database hiccup would: SQLite's write
    /// lock (<c>BEGIN IMMEDIATE</c>), or an <c>EXCLUSIVE</c> lock on PostgreSQL's outbox table.
    /// </summary>
    public async Task<IAsyncDisposable> BlockOutboxWritesAsync()
    {
        if (Kind == StoreKind.Sqlite)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using (var begin = new SqliteCommand("BEGIN IMMEDIATE;", connection))
            {
                await begin.ExecuteNonQueryAsync();
            }

            return connection;
        }

        var postgres = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Pooling = false }.ConnectionString);
        await postgres.OpenAsync();
        await using (var begin = new NpgsqlCommand($"BEGIN; LOCK TABLE \"{Schema}\".outbox IN EXCLUSIVE MODE;", postgres))
        {
            await begin.ExecuteNonQueryAsync();
        }

        return postgres;
    }

    /// <summary>A new empty directory under <see cref="Root"/>, for a host's content root or a child's working directory.</summary>
    public string NewDirectory()
    {
        string directory = Path.Combine(Root, "host-" + Interlocked.Increment(ref _directories));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A store object of the test's own on the same database.</summary>
    public IConnectorStore Open()
    {
        IConnectorStore store = Kind == StoreKind.Sqlite
            ? new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = DatabasePath })
            : new PostgreSqlConnectorStore(new PostgreSqlConnectorStoreOptions { ConnectionString = PostgresServer.ConnectionString, Schema = Schema });
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    /// <summary>How many outbox messages are leased right now (in delivery, or held by a dead process), read from the store's table.</summary>
    public async Task<long> LeasedCountAsync()
    {
        if (Kind == StoreKind.Sqlite)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqliteCommand("SELECT COUNT(*) FROM outbox WHERE lease_owner IS NOT NULL;", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await using var postgres = new NpgsqlConnection(PostgresServer.ConnectionString);
        await postgres.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{Schema}\".outbox WHERE lease_owner IS NOT NULL;", postgres);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IConnectorStore store in _opened)
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

        if (Kind == StoreKind.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the temporary directory is cleaned up by the OS.
        }
    }
}
