using System.Globalization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static Connctd.Connector.Sdk.Storage.Internal.StoreReader;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// The connector store for one PostgreSQL database shared by any number of replicas: installations, instances,
/// encrypted tokens, thing mappings, action requests, the Data Protection key ring and the durable outbox, in one
/// schema that is created and migrated automatically.
/// </summary>
/// <remarks>
/// <para>
/// Connections come from an <see cref="NpgsqlDataSource"/> (a connection pool), so one store object serves any number
/// of concurrent callers; every replica of a connector uses its own store object on the same database and schema.
/// Claims (<see cref="ClaimThingCreationAsync"/>, <see cref="TryBeginActionAsync"/>) are
/// <c>INSERT … ON CONFLICT DO NOTHING</c> followed by a read-back: of concurrent callers in any number of processes,
/// exactly one wins. Outbox messages are leased with <c>FOR UPDATE SKIP LOCKED</c>, so replicas never deliver the same
/// message at once, and a lease whose owner died expires.
/// </para>
/// <para>
/// The schema is created or upgraded by <see cref="InitializeAsync"/>, or by the first operation if that was not
/// called, under a transaction-scoped advisory lock: replicas starting together migrate once. A schema whose version
/// is newer than <see cref="SchemaVersion"/> is refused with an <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// Times are stored as <c>timestamptz</c> with PostgreSQL's microsecond resolution: a time round-trips to the
/// microsecond (the last digit of .NET's 100-ns ticks is dropped), and comes back in UTC.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlConnectorStore : IConnectorStore, IKeyRingStore, IDisposable, IAsyncDisposable
{
    /// <summary>The schema version this package creates and understands.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How often a claim is tried when the row it conflicted with was deleted before it could be read back.</summary>
    private const int MaxClaimAttempts = 10;

    /// <summary>Prefixes the keys of the advisory locks, so they do not collide with locks an application takes.</summary>
    private const string LockKeyPrefix = "connctd.connector.sdk/";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlStatements _sql;
    private readonly int _commandTimeoutSeconds;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly StoreInitialization _initialization;
    private readonly StoreOperations _operations;
    private int _disposed;

    /// <summary>Creates a store for the database the options name, with a connection pool of its own. Nothing is opened until the first operation.</summary>
    /// <param name="options">The connection string, the schema and the command timeout.</param>
    /// <param name="logger">Receives schema changes and refused writes; none when null.</param>
    /// <param name="timeProvider">The clock for the times the store records itself (applied schema versions, key ring elements); the system clock when null.</param>
    /// <exception cref="ArgumentException">An option is not usable: the message names it (<see cref="PostgreSqlConnectorStoreOptionsValidator"/> checks the same at start-up).</exception>
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
    {
        Schema = settings.Schema;
        _sql = new PostgreSqlStatements(settings.QuotedSchema);
        _commandTimeoutSeconds = settings.CommandTimeoutSeconds;
        _ownsDataSource = dataSource is null;
        _dataSource = dataSource ?? NpgsqlDataSource.Create(settings.ConnectionString!);
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _initialization = new StoreInitialization(MigrateAsync);
        _operations = new StoreOperations(this, _logger, _timeProvider);
    }

    /// <summary>The schema that holds the store's tables.</summary>
    public string Schema { get; }

    /// <summary>
    /// Creates the schema and its tables if missing and applies every schema step the database lacks, in one
    /// transaction under an advisory lock. Idempotent, and safe to run from several store objects or replicas at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="InvalidOperationException">The schema has a newer version than <see cref="SchemaVersion"/>.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _initialization.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) => _operations.PingAsync(cancellationToken);

    /// <inheritdoc />
    public Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken) =>
        _operations.GetInstallationAsync(installationId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken) =>
        _operations.ListInstallationsAsync(cancellationToken);

    /// <inheritdoc />
    public Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken) =>
        _operations.SaveInstallationAsync(installation, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateInstallationStateAsync(
        string installationId,
        LifecycleState state,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken) =>
        _operations.UpdateInstallationStateAsync(installationId, state, updatedAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken) =>
        _operations.DeleteInstallationAsync(installationId, cancellationToken);

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        _operations.GetInstanceAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken) =>
        _operations.ListInstancesAsync(installationId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(
        ThingCreationStatus status,
        CancellationToken cancellationToken) =>
        _operations.ListInstancesByThingCreationAsync(status, cancellationToken);

    /// <inheritdoc />
    public Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken) =>
        _operations.SaveInstanceAsync(instance, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateInstanceStateAsync(
        string instanceId,
        LifecycleState state,
        ThingCreationStatus thingCreation,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken) =>
        _operations.UpdateInstanceStateAsync(instanceId, state, thingCreation, updatedAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        _operations.DeleteInstanceAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    public Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken) =>
        _operations.FindThingAsync(thingId, cancellationToken);

    /// <inheritdoc />
    public Task<ThingMapping?> FindThingByExternalIdAsync(
        string instanceId,
        string externalId,
        CancellationToken cancellationToken) =>
        _operations.FindThingByExternalIdAsync(instanceId, externalId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken) =>
        _operations.ListThingsAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The instance is not known.</exception>
    public async Task<(ThingMapping Mapping, bool Claimed)> ClaimThingCreationAsync(
        string instanceId,
        string externalId,
        DateTimeOffset claimedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        // The read-back is a statement of its own: under READ COMMITTED it sees the row of a concurrent winner, which
        // committed while this insert waited for it (a read in the insert's own statement would not).
        for (var attempt = 1; ; attempt++)
        {
            using (var insert = Command(_sql.ClaimThing)
                .With("instanceId", instanceId)
                .With("externalId", externalId)
                .With("state", (int)ThingMappingState.Creating)
                .With("updatedAt", claimedAt))
            {
                ThingMapping? claimed;
                try
                {
                    claimed = await ReadSingleAsync(insert, ReadMapping, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException exception) when (PostgreSqlValues.IsForeignKeyViolation(exception))
                {
                    throw _operations.ThingInstanceMissing(instanceId, externalId, "claimed", exception);
                }

                if (claimed is not null)
                {
                    return (claimed, true);
                }
            }

            var existing = await FindThingByExternalIdAsync(instanceId, externalId, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return (existing, false);
            }

            if (attempt == MaxClaimAttempts)
            {
                throw new InvalidOperationException(
                    $"Thing '{externalId}' of instance '{instanceId}' could not be claimed: its mapping was deleted each time it was read back.");
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Records the mapping even when the claim is missing (the thing exists on the platform, so its id must not be
    /// lost); the instance must exist.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The instance is not known, or the thing id is already mapped to another thing.</exception>
    public Task CompleteThingCreationAsync(
        string instanceId,
        string externalId,
        string thingId,
        DateTimeOffset createdAt,
        CancellationToken cancellationToken) =>
        _operations.CompleteThingCreationAsync(instanceId, externalId, thingId, createdAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateThingTemplateHashAsync(string instanceId, string externalId, string templateHash, CancellationToken cancellationToken) =>
        _operations.UpdateThingTemplateHashAsync(instanceId, externalId, templateHash, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken) =>
        _operations.DeleteThingAsync(instanceId, externalId, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The action's instance is not known.</exception>
    public async Task<ActionRecord?> TryBeginActionAsync(ActionRecord action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrEmpty(action.Id, nameof(action));
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        // As for claims: insert, and read back in a statement of its own to see a concurrent winner.
        for (var attempt = 1; ; attempt++)
        {
            using (var insert = Command(_sql.InsertActionIfNew)
                .With("id", action.Id)
                .With("instanceId", action.InstanceId)
                .With("thingId", action.ThingId)
                .With("componentId", action.ComponentId)
                .With("actionId", action.ActionId)
                .With("status", (int)action.Status)
                .With("error", action.Error)
                .With("responseStatusCode", action.ResponseStatusCode)
                .With("createdAt", action.CreatedAt)
                .With("updatedAt", action.UpdatedAt))
            {
                try
                {
                    if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                    {
                        return null;
                    }
                }
                catch (PostgresException exception) when (PostgreSqlValues.IsForeignKeyViolation(exception))
                {
                    throw _operations.ActionInstanceMissing(action, exception);
                }
            }

            var existing = await GetActionAsync(action.Id, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing;
            }

            if (attempt == MaxClaimAttempts)
            {
                throw new InvalidOperationException(
                    $"Action request '{action.Id}' could not be recorded: its record was deleted each time it was read back.");
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateActionAsync(
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken) =>
        _operations.UpdateActionAsync(actionRequestId, status, errorMessage, responseStatusCode, updatedAt, cancellationToken);

    /// <inheritdoc />
    public Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken) =>
        _operations.GetActionAsync(actionRequestId, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        _operations.DeleteActionsOlderThanAsync(olderThan, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<string> GetKeyElements() => _operations.GetKeyElements();

    /// <inheritdoc />
    /// <remarks>A replaced element keeps its place in the order of <see cref="GetKeyElements"/>.</remarks>
    public void StoreKeyElement(string friendlyName, string xml) => _operations.StoreKeyElement(friendlyName, xml);

    /// <summary>
    /// Closes the store's connection pool (when the store created it; a data source passed in stays open). Later calls
    /// on this object throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }

        _initialization.Dispose();
    }

    /// <summary>
    /// Closes the store's connection pool (when the store created it; a data source passed in stays open). Later calls
    /// on this object throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <returns>A task that completes when the pool is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        _initialization.Dispose();
    }

    /// <summary>Opens a connection of the store's pool without preparing the schema (for tests).</summary>
    internal ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The statements of this store, with its schema (for tests).</summary>
    internal PostgreSqlStatements Statements => _sql;

    private static PostgreSqlSettings CreateSettings(PostgreSqlConnectorStoreOptions options, bool requireConnectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PostgreSqlSettings.TryCreate(options, requireConnectionString, out var settings, out var error)
            ? settings
            : throw new ArgumentException(error, nameof(options));
    }

    internal NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.CommandTimeout = _commandTimeoutSeconds;
        return command;
    }

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(sql, connection, transaction) { CommandTimeout = _commandTimeoutSeconds };

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Prepares the schema before the first operation.</summary>
    internal ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _initialization.IsInitialized ? ValueTask.CompletedTask : new ValueTask(_initialization.EnsureInitializedAsync(cancellationToken));
    }

    /// <summary>
    /// The synchronous counterpart of <see cref="EnsureReadyAsync"/> for the key ring, which Data Protection reads
    /// synchronously. Blocks only once, for the migration (every await inside uses <c>ConfigureAwait(false)</c>).
    /// </summary>
    internal void EnsureReady()
    {
        ThrowIfDisposed();
        _initialization.EnsureInitialized();
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Fast path, without locks or DDL (which would need privileges the connector may not have once set up).
            var version = await ReadSchemaVersionAsync(connection, transaction: null, cancellationToken).ConfigureAwait(false);
            ThrowIfTooNew(version);
            if (version == SchemaVersion)
            {
                Log.SchemaUpToDate(_logger, Schema, version);
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
                        .With("appliedAt", _timeProvider.GetUtcNow()))
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
                Log.SchemaCreated(_logger, Schema);
            }

            foreach (var migration in applied)
            {
                Log.SchemaVersionApplied(_logger, migration.Version, migration.Description, Schema);
            }

            Log.SchemaUpToDate(_logger, Schema, version);
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
            Log.SchemaTooNew(_logger, Schema, version, SchemaVersion);
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{Schema}' has schema version {version}, but this version of Connctd.Connector.Sdk.PostgreSql knows versions up to {SchemaVersion}. Update the package, or use another schema.");
        }
    }
}
