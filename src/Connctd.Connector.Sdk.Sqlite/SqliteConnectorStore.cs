using System.Data.Common;
using System.Globalization;
using Connctd.Connector.Sdk.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// The embedded connector store: installations, instances, encrypted tokens, thing mappings, action requests, the
/// outbox and the Data Protection key ring in one SQLite file, created and migrated automatically.
/// </summary>
/// <remarks>
/// <para>
/// The file runs in write-ahead-log mode (readers never wait for the writer), with foreign keys on (deleting an
/// installation deletes its instances, their thing mappings and action records) and <c>synchronous = FULL</c>: a
/// write completes only after its commit reached the disk, so what the connector answered for survives a power loss,
/// not just a crash of the process (the one exception, an action's placeholder record, is described on
/// <see cref="RelationalConnectorStore"/>).
/// </para>
/// <para>
/// SQLite lets one connection write at a time, so the store has one writer: a thread of its own that commits
/// whatever writes are waiting in one <c>BEGIN IMMEDIATE</c> transaction (group commit: one flush for all of them).
/// Reads run on connections the store keeps open with their settings applied. Several store objects or processes
/// may share the file; their writers take turns through SQLite's busy timeout.
/// </para>
/// <para>
/// The schema is created or upgraded by <see cref="RelationalConnectorStore.InitializeAsync"/>, or by the first
/// operation if that was not called. A file whose schema is newer than <see cref="SchemaVersion"/> is refused with an
/// <see cref="InvalidOperationException"/>.
/// </para>
/// </remarks>
public sealed class SqliteConnectorStore : RelationalConnectorStore
{
    /// <summary>The schema version this package creates and understands.</summary>
    public const int SchemaVersion = 7;

    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    /// <summary>Creates a store for the database the options name. Nothing is opened until the first operation.</summary>
    /// <param name="options">Where the database is and how long to wait for it.</param>
    /// <param name="logger">Receives schema changes and refused writes; none when null.</param>
    /// <param name="timeProvider">The clock for the times the store records itself (applied schema versions, key ring elements); the system clock when null.</param>
    /// <exception cref="ArgumentException">An option is not usable: the message names it (the same is checked at start-up when the store is registered with <c>AddConnctdSqliteStore</c> or the hosting package).</exception>
    public SqliteConnectorStore(
        SqliteConnectorStoreOptions options,
        ILogger<SqliteConnectorStore>? logger = null,
        TimeProvider? timeProvider = null)
        : base(logger, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SqliteConnectionSettings.TryCreate(options, out var settings, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        DatabasePath = settings.DatabasePath;
        _connectionString = settings.ConnectionString;
        _connectionPragmas = settings.ConnectionPragmas;
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    protected override RelationalStatements Statements => SqliteStatements.All;

    /// <inheritdoc />
    /// <remarks>SQLite's I/O is synchronous: the writer has a thread of its own.</remarks>
    protected override bool WriterNeedsOwnThread => true;

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await OpenSqliteConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = SqliteValues.Command(connection, _connectionPragmas);
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override void AddParameter(DbCommand command, string name, object? value)
    {
        if (!TryConvert(value, out SqliteType type, out object converted))
        {
            throw new ArgumentException($"A value of type {value!.GetType()} cannot be stored.", nameof(value));
        }

        ((SqliteCommand)command).Parameters.Add("$" + name, type).Value = converted;
    }

    /// <inheritdoc />
    protected override bool TrySetParameterValue(DbParameter parameter, string name, object? value)
    {
        // The store's parameters are named "$" + name.
        string parameterName = parameter.ParameterName;
        if (parameterName.Length != name.Length + 1 || !parameterName.EndsWith(name, StringComparison.Ordinal) ||
            !TryConvert(value, out SqliteType type, out object converted))
        {
            return false;
        }

        var sqlite = (SqliteParameter)parameter;
        sqlite.SqliteType = type;
        sqlite.Value = converted;
        return true;
    }

    /// <summary>The column type and value a parameter value is stored as (a null as text); false for a value of another type.</summary>
    private static bool TryConvert(object? value, out SqliteType type, out object converted)
    {
        (type, converted) = value switch
        {
            null => (SqliteType.Text, (object)DBNull.Value),
            string text => (SqliteType.Text, text),
            int number => (SqliteType.Integer, (long)number),
            long => (SqliteType.Integer, value),
            DateTimeOffset time => (SqliteType.Text, SqliteValues.FormatTime(time)),
            _ => (default, null!),
        };
        return converted is not null;
    }

    /// <inheritdoc />
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => SqliteValues.ParseTime(reader.GetString(ordinal));

    /// <inheritdoc />
    protected override bool IsForeignKeyViolation(DbException exception) =>
        exception is SqliteException sqlite && SqliteValues.IsForeignKeyViolation(sqlite);

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException sqlite && SqliteValues.IsUniqueViolation(sqlite);

    /// <inheritdoc />
    /// <remarks>
    /// <para><c>BEGIN IMMEDIATE</c>: the write lock is taken first, so reads inside the transaction see the state its writes change.</para>
    /// <para>
    /// The connection runs with <c>synchronous = FULL</c>. A transaction whose commit need not be flushed runs with
    /// <c>synchronous = NORMAL</c> (SQLite sets it outside transactions only): in write-ahead-log mode its frames are
    /// written to the log — the operating system holds them, so they survive the end of the process — without
    /// waiting for the disk, and the next FULL commit flushes them with its own.
    /// </para>
    /// </remarks>
    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, bool flush, CancellationToken cancellationToken)
    {
        var sqlite = (StoreSqliteConnection)connection;
        sqlite.SetFlushesCommits(flush);
        return ValueTask.FromResult<DbTransaction>(sqlite.BeginTransaction(deferred: false));
    }

    /// <inheritdoc />
    /// <remarks>Also closes the pooled connections to the database file, so the file can be deleted or moved.</remarks>
    protected override void Dispose(bool disposing)
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        base.Dispose(disposing);
    }

    /// <summary>Opens a connection with the store's pragmas, without preparing the schema (for tests and migration).</summary>
    internal async Task<StoreSqliteConnection> OpenSqliteConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new StoreSqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = SqliteValues.Command(connection, _connectionPragmas);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = await OpenSqliteConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Write-ahead logging is a property of the file: set once, it stays for every later connection.
        using (var command = SqliteValues.Command(connection, "PRAGMA journal_mode = WAL;"))
        {
            var journalMode = Convert.ToString(
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture) ?? string.Empty;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                Log.WriteAheadLogUnavailable(Logger, DatabasePath, journalMode);
            }
        }

        using (var command = SqliteValues.Command(connection, SqliteMigrations.CreateSchemaVersionTable))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var version = await ReadSchemaVersionAsync(connection, transaction: null, cancellationToken).ConfigureAwait(false);
        ThrowIfTooNew(version);
        foreach (var migration in SqliteMigrations.All)
        {
            if (migration.Version <= version)
            {
                continue;
            }

            // Each step in its own immediate transaction; the version is read again under the write lock, so a
            // step another store object or process applied meanwhile is skipped rather than run twice.
            using var transaction = connection.BeginTransaction(deferred: false);
            version = await ReadSchemaVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            ThrowIfTooNew(version);
            if (migration.Version <= version)
            {
                continue;
            }

            using (var command = SqliteValues.Command(connection, migration.Sql, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var command = SqliteValues.Command(connection, SqliteStatements.InsertSchemaVersion, transaction)
                .With("$version", migration.Version)
                .With("$description", migration.Description)
                .With("$appliedAt", TimeProvider.GetUtcNow()))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            version = migration.Version;
            Log.SchemaVersionApplied(Logger, migration.Version, migration.Description, DatabasePath);
        }

        Log.SchemaUpToDate(Logger, DatabasePath, version);
    }

    private void ThrowIfTooNew(int version)
    {
        if (version > SchemaVersion)
        {
            Log.SchemaTooNew(Logger, DatabasePath, version, SchemaVersion);
            throw new InvalidOperationException(
                $"The database '{DatabasePath}' has schema version {version}, but this version of Connctd.Connector.Sdk.Sqlite knows versions up to {SchemaVersion}. Update the package, or use another database file.");
        }
    }

    private static async Task<int> ReadSchemaVersionAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        CancellationToken cancellationToken)
    {
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectSchemaVersion, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }
}
