using System.Globalization;
using System.Data.Common;
using Connctd.Connector.Sdk.Storage.Relational;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// The connector store for one PostgreSQL database shared by any number of replicas: installations, instances,
/// encrypted tokens, thing mappings, action requests, the Data Protection key ring and the durable outbox, in one
/// schema that is created and migrated automatically.
/// </summary>
/// <remarks>
/// <para>
/// Connections come from an <see cref="NpgsqlDataSource"/> (a connection pool); every replica of a connector uses its
/// own store object on the same database and schema. Writes are group-committed by <see cref="WriterCount"/> writers
/// side by side (see <see cref="RelationalConnectorStore"/>); PostgreSQL's own commit semantics hold for each batch.
/// Claims (<see cref="RelationalConnectorStore.ClaimThingCreationAsync"/>, <see cref="RelationalConnectorStore.TryBeginActionAsync"/>) are
/// <c>INSERT … ON CONFLICT DO NOTHING</c> followed by a read-back: of concurrent callers in any number of processes,
/// exactly one wins. Outbox messages are leased with <c>FOR UPDATE SKIP LOCKED</c>, so replicas never deliver the same
/// message at once, and a lease whose owner died expires. Two replicas whose batches lock the same rows in opposite
/// order are resolved by PostgreSQL's deadlock detection: the batch it aborts runs again write by write.
/// </para>
/// <para>
/// The schema is created or upgraded by <see cref="RelationalConnectorStore.InitializeAsync"/>, or by the first operation if that was not
/// called, under a transaction-scoped advisory lock: replicas starting together migrate once. A schema whose version
/// is newer than <see cref="SchemaVersion"/> is refused with an <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// Times are stored as <c>timestamptz</c> with PostgreSQL's microsecond resolution: a time round-trips to the
/// microsecond (the last digit of .NET's 100-ns ticks is dropped), and comes back in UTC.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlConnectorStore : RelationalConnectorStore
{
    /// <summary>The schema version this package creates and understands.</summary>
    public const int SchemaVersion = 5;

    /// <summary>Prefixes the keys of the advisory locks, so they do not collide with locks an application takes.</summary>
    private const string LockKeyPrefix = "connctd.connector.sdk/";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlStatements _sql;
    private readonly int _commandTimeoutSeconds;
    private readonly RelationalStatements _statements;

    /// <summary>Creates a store for the database the options name, with a connection pool of its own. Nothing is opened until the first operation.</summary>
    /// <param name="options">The connection string, the schema and the command timeout.</param>
    /// <param name="logger">Receives schema changes and refused writes; none when null.</param>
    /// <param name="timeProvider">The clock for the times the store records itself (applied schema versions, key ring elements); the system clock when null.</param>
    /// <exception cref="ArgumentException">An option is not usable: the message names it (the same is checked at start-up when the store is registered with <c>UsePostgreSql</c>).</exception>
    public PostgreSqlConnectorStore(
        PostgreSqlConnectorStoreOptions options,
        ILogger<PostgreSqlConnectorStore>? logger = null,
        TimeProvider? timeProvider = null)
        : this(CreateSettings(options, requireConnectionString: true), dataSource: null, logger, timeProvider)
    {
    }

    /// <summary>
    /// Creates a store on a data source the application configured itself (for example with
    /// <c>NpgsqlDataSourceBuilder</c>, to supply passwords or certificates). The store does not dispose it.
    /// </summary>
    /// <param name="dataSource">The data source; its database holds the store's schema.</param>
    /// <param name="options">The schema and the command timeout; <see cref="PostgreSqlConnectorStoreOptions.ConnectionString"/> is ignored.</param>
    /// <param name="logger">Receives schema changes and refused writes; none when null.</param>
    /// <param name="timeProvider">The clock for the times the store records itself; the system clock when null.</param>
    /// <exception cref="ArgumentException">An option is not usable: the message names it.</exception>
    public PostgreSqlConnectorStore(
        NpgsqlDataSource dataSource,
        PostgreSqlConnectorStoreOptions options,
        ILogger<PostgreSqlConnectorStore>? logger = null,
        TimeProvider? timeProvider = null)
        : this(CreateSettings(options, requireConnectionString: false), dataSource ?? throw new ArgumentNullException(nameof(dataSource)), logger, timeProvider)
    {
    }

    private PostgreSqlConnectorStore(
        PostgreSqlSettings settings,
        NpgsqlDataSource? dataSource,
        ILogger? logger,
        TimeProvider? timeProvider)
        : base(logger, timeProvider)
    {
        Schema = settings.Schema;
        _sql = new PostgreSqlStatements(settings.QuotedSchema);
        _commandTimeoutSeconds = settings.CommandTimeoutSeconds;
        _ownsDataSource = dataSource is null;
        _dataSource = dataSource ?? NpgsqlDataSource.Create(settings.ConnectionString!);
        _statements = _sql.ToRelational();
    }

    /// <summary>The schema that holds the store's tables.</summary>
    public string Schema { get; }

    /// <inheritdoc />
    protected override RelationalStatements Statements => _statements;

    /// <inheritdoc />
    /// <remarks>PostgreSQL runs writers side by side: four writers, each with its own connection and group commit.</remarks>
    protected override int WriterCount => 4;

    /// <summary>The statements of this store, with its schema (for tests).</summary>
    internal PostgreSqlStatements Sql => _sql;

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    /// <inheritdoc />
    protected override void ConfigureCommand(DbCommand command) => command.CommandTimeout = _commandTimeoutSeconds;

    /// <inheritdoc />
    protected override void AddParameter(DbCommand command, string name, object? value)
    {
        NpgsqlParameterCollection parameters = ((NpgsqlCommand)command).Parameters;
        switch (value)
        {
            // A null is a text column's (see the base class); as a typed text parameter it takes text on the next call.
            case null:
            case string:
                parameters.Add(new NpgsqlParameter<string>(name, NpgsqlDbType.Text) { TypedValue = (string?)value });
                break;
            case int number:
                parameters.Add(new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = number });
                break;
            case long number:
                parameters.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = number });
                break;
            case DateTimeOffset time:
                parameters.Add(new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = PostgreSqlValues.ToDatabaseTime(time) });
                break;
            default:
                throw new ArgumentException($"A value of type {value.GetType()} cannot be stored.", nameof(value));
        }
    }

    /// <inheritdoc />
    protected override bool TrySetParameterValue(DbParameter parameter, string name, object? value)
    {
        if (!string.Equals(parameter.ParameterName, name, StringComparison.Ordinal))
        {
            return false;
        }

        switch (value)
        {
            case null or string when parameter is NpgsqlParameter<string> typed:
                typed.TypedValue = (string?)value;
                return true;
            case int number when parameter is NpgsqlParameter<int> typed:
                typed.TypedValue = number;
                return true;
            case long number when parameter is NpgsqlParameter<long> typed:
                typed.TypedValue = number;
                return true;
            case DateTimeOffset time when parameter is NpgsqlParameter<DateTimeOffset> typed:
                typed.TypedValue = PostgreSqlValues.ToDatabaseTime(time);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc />
    protected override bool IsForeignKeyViolation(DbException exception) =>
        exception is PostgresException postgres && PostgreSqlValues.IsForeignKeyViolation(postgres);

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException postgres && PostgreSqlValues.IsUniqueViolation(postgres);

    /// <inheritdoc />
    /// <remarks>
    /// False: every commit waits for PostgreSQL's <c>synchronous_commit</c>. Committing a transaction without it would
    /// take a round trip of its own (<c>SET LOCAL synchronous_commit = off</c>), and writes of both kinds could not share
    /// a batch; with every commit flushed the action path measured about 9 % less CPU per callback (two interleaved pairs, with prepared statements)
    /// (benchmarks/README.md, 2026-12-04).
    /// </remarks>
    protected override bool CommitsWithoutFlush => false;

    /// <inheritdoc />
    /// <remarks>A transaction-scoped advisory lock on the key, so concurrent enqueues of one key (from any replica) run one after the other and the second one coalesces into the first one's message.</remarks>
    protected override async ValueTask LockCoalescingKeyAsync(DbConnection connection, DbTransaction transaction, string coalescingKey, CancellationToken cancellationToken)
    {
        using var command = Command(PostgreSqlStatements.AdvisoryTransactionLock, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction)
            .With("key", LockKeyPrefix + "outbox/" + Schema + "/" + coalescingKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Closes the store's connection pool, when the store created it; a data source passed in stays open.</remarks>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsDataSource)
        {
            _dataSource.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    /// <summary>Opens a connection of the store's pool without preparing the schema (for tests).</summary>
    internal ValueTask<NpgsqlConnection> OpenNpgsqlConnectionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _dataSource.OpenConnectionAsync(cancellationToken);
    }

    private static PostgreSqlSettings CreateSettings(PostgreSqlConnectorStoreOptions options, bool requireConnectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PostgreSqlSettings.TryCreate(options, requireConnectionString, out var settings, out var error)
            ? settings
            : throw new ArgumentException(error, nameof(options));
    }

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(sql, connection, transaction) { CommandTimeout = _commandTimeoutSeconds };

    /// <inheritdoc />
    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Fast path, without locks or DDL (which would need privileges the connector may not have once set up).
            var version = await ReadSchemaVersionAsync(connection, transaction: null, cancellationToken).ConfigureAwait(false);
            ThrowIfTooNew(version);
            if (version == SchemaVersion)
            {
                Log.SchemaUpToDate(Logger, Schema, version);
                return;
            }

            var applied = new List<PostgreSqlMigration>();
            var schemaCreated = false;
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Replicas starting together wait here for the first one; then they read the version it recorded.
                using (var command = Command(PostgreSqlStatements.AdvisoryTransactionLock, connection, transaction)
                    .With("key", LockKeyPrefix + "migrate/" + Schema))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (var command = Command(PostgreSqlStatements.SchemaExists, connection, transaction).With("schema", Schema))
                {
                    if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    {
                        using var create = Command(_sql.CreateSchema, connection, transaction);
                        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        schemaCreated = true;
                    }
                }

                using (var command = Command(_sql.CreateSchemaVersionTable, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                version = await ReadSchemaVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                ThrowIfTooNew(version);
                foreach (var migration in PostgreSqlMigrations.All)
                {
                    if (migration.Version <= version)
                    {
                        continue;
                    }

                    using (var command = Command(_sql.Sql(migration.Sql), connection, transaction))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    using (var command = Command(_sql.InsertSchemaVersion, connection, transaction)
                        .With("version", migration.Version)
                        .With("description", migration.Description)
                        .With("appliedAt", TimeProvider.GetUtcNow()))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    applied.Add(migration);
                    version = migration.Version;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (schemaCreated)
            {
                Log.SchemaCreated(Logger, Schema);
            }

            foreach (var migration in applied)
            {
                Log.SchemaVersionApplied(Logger, migration.Version, migration.Description, Schema);
            }

            Log.SchemaUpToDate(Logger, Schema, version);
        }
    }

    /// <summary>Reads the schema version; 0 when the schema or its version table does not exist yet.</summary>
    private async Task<int> ReadSchemaVersionAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        using (var exists = Command(PostgreSqlStatements.TableExists, connection, transaction)
            .With("table", _sql.Sql("{schema}.schema_version")))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return 0;
            }
        }

        using var command = Command(_sql.SelectSchemaVersion, connection, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private void ThrowIfTooNew(int version)
    {
        if (version > SchemaVersion)
        {
            Log.SchemaTooNew(Logger, Schema, version, SchemaVersion);
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{Schema}' has schema version {version}, but this version of Connctd.Connector.Sdk.PostgreSql knows versions up to {SchemaVersion}. Update the package, or use another schema.");
        }
    }
}
