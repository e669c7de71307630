using System.Globalization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Storage.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Connctd.Connector.Sdk.Storage.Internal.StoreReader;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// The embedded connector store: installations, instances, encrypted tokens, thing mappings, action requests and
/// the Data Protection key ring in one SQLite file, created and migrated automatically.
/// </summary>
/// <remarks>
/// <para>
/// Every operation opens a pooled connection of its own, so one store object serves any number of concurrent callers;
/// several store objects or processes may share the file. The file runs in write-ahead-log mode (readers never wait
/// for the writer), with foreign keys on (deleting an installation deletes its instances, their thing mappings and
/// action records) and <c>synchronous = FULL</c>: an operation completes only after its commit reached the disk,
/// so what the connector answered for survives a power loss, not just a crash of the process.
/// </para>
/// <para>
/// The schema is created or upgraded by <see cref="InitializeAsync"/>, or by the first operation if that was not
/// called. A file whose schema is newer than <see cref="SchemaVersion"/> is refused with an
/// <see cref="InvalidOperationException"/>.
/// </para>
/// </remarks>
public sealed partial class SqliteConnectorStore : IConnectorStore, IKeyRingStore, IDisposable
{
    /// <summary>The schema version this package creates and understands.</summary>
    public const int SchemaVersion = 2;

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly StoreInitialization _initialization;
    private readonly StoreOperations _operations;

    // Writers of this store object take turns here (see OpenForWriteAsync); never disposed, so a connection closed
    // after Dispose can still release it.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _disposed;

    /// <summary>Creates a store for the database the options name. Nothing is opened until the first operation.</summary>
    /// <param name="options">Where the database is and how long to wait for it.</param>
    /// <param name="logger">Receives schema changes and refused writes; none when null.</param>
    /// <param name="timeProvider">The clock for the times the store records itself (applied schema versions, key ring elements); the system clock when null.</param>
    /// <exception cref="ArgumentException">An option is not usable: the message names it (<see cref="SqliteConnectorStoreOptionsValidator"/> checks the same at start-up).</exception>
    public SqliteConnectorStore(
        SqliteConnectorStoreOptions options,
        ILogger<SqliteConnectorStore>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SqliteConnectionSettings.TryCreate(options, out var settings, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        DatabasePath = settings.DatabasePath;
        _connectionString = settings.ConnectionString;
        _connectionPragmas = settings.ConnectionPragmas;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _initialization = new StoreInitialization(MigrateAsync);
        _operations = new StoreOperations(this, _logger, _timeProvider);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Creates the database file and its directory if missing, switches it to write-ahead logging and applies every
    /// schema step it lacks, each in its own transaction. Idempotent, and safe to run from several store objects or
    /// processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="InvalidOperationException">The database has a newer schema version than <see cref="SchemaVersion"/>.</exception>
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
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE takes the write lock first, so the insert and the read-back see one state of the table.
        using var transaction = connection.BeginTransaction(deferred: false);
        int inserted;
        using (var insert = SqliteValues.Command(connection, SqliteStatements.ClaimThing, transaction)
            .With("$instanceId", instanceId)
            .With("$externalId", externalId)
            .With("$state", (long)ThingMappingState.Creating)
            .With("$updatedAt", claimedAt))
        {
            try
            {
                inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (SqliteValues.IsForeignKeyViolation(exception))
            {
                throw _operations.ThingInstanceMissing(instanceId, externalId, "claimed", exception);
            }
        }

        ThingMapping? mapping;
        using (var select = SqliteValues.Command(connection, SqliteStatements.SelectThingByExternalId, transaction)
            .With("$instanceId", instanceId)
            .With("$externalId", externalId))
        {
            mapping = await ReadSingleAsync(select, ReadMapping, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (mapping ?? throw new InvalidOperationException("The claimed thing mapping could not be read back."), inserted == 1);
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
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        int inserted;
        using (var insert = SqliteValues.Command(connection, SqliteStatements.InsertActionIfNew, transaction)
            .With("$id", action.Id)
            .With("$instanceId", action.InstanceId)
            .With("$thingId", action.ThingId)
            .With("$componentId", action.ComponentId)
            .With("$actionId", action.ActionId)
            .With("$status", (long)action.Status)
            .With("$error", action.Error)
            .With("$responseStatusCode", action.ResponseStatusCode)
            .With("$createdAt", action.CreatedAt)
            .With("$updatedAt", action.UpdatedAt))
        {
            try
            {
                inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (SqliteValues.IsForeignKeyViolation(exception))
            {
                throw _operations.ActionInstanceMissing(action, exception);
            }
        }

        if (inserted == 1)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        ActionRecord? existing;
        using (var select = SqliteValues.Command(connection, SqliteStatements.SelectAction, transaction).With("$id", action.Id))
        {
            existing = await ReadSingleAsync(select, ReadAction, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return existing ?? throw new InvalidOperationException("The stored action request could not be read back.");
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
    /// Closes the pooled connections to the database file (so the file can be deleted or moved). Later calls on this
    /// object throw <see cref="ObjectDisposedException"/>; other store objects on the same file open new connections.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initialization.Dispose();
    }

    /// <summary>Opens a connection with the store's pragmas, without preparing the schema (for tests and migration).</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
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

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Opens a connection for an operation, preparing the schema first if no operation has yet.</summary>
    internal async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (!_initialization.IsInitialized)
        {
            await _initialization.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a connection for an operation that writes, after this store object's earlier writers are done. SQLite
    /// lets one connection write at a time; without the gate, concurrent writers wait inside SQLite's busy handler,
    /// which blocks a thread and sleeps in growing steps (1, 2, 5, 10 … 100 ms), so under load commits queue up
    /// behind sleeps and a steady writer can starve another. Waiting here is asynchronous and first come, first
    /// served. Writers in other processes still meet the busy timeout. Disposing the connection releases the gate.
    /// </summary>
    internal async ValueTask<SqliteConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (!_initialization.IsInitialized)
        {
            await _initialization.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteConnection? connection = null;
        try
        {
            connection = new GatedSqliteConnection(_connectionString, _writeGate);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = SqliteValues.Command(connection, _connectionPragmas);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            if (connection is null)
            {
                _writeGate.Release();
            }
            else
            {
                connection.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The synchronous counterpart of <see cref="OpenAsync"/> for the key ring, which Data Protection reads synchronously.
    /// Microsoft.Data.Sqlite completes its asynchronous calls synchronously, so waiting here blocks no more than the work itself.
    /// </summary>
    internal SqliteConnection Open()
    {
        ThrowIfDisposed();
        _initialization.EnsureInitialized();

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

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Write-ahead logging is a property of the file: set once, it stays for every later connection.
        using (var command = SqliteValues.Command(connection, "PRAGMA journal_mode = WAL;"))
        {
            var journalMode = Convert.ToString(
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture) ?? string.Empty;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                Log.WriteAheadLogUnavailable(_logger, DatabasePath, journalMode);
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
                .With("$appliedAt", _timeProvider.GetUtcNow()))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            version = migration.Version;
            Log.SchemaVersionApplied(_logger, migration.Version, migration.Description, DatabasePath);
        }

        Log.SchemaUpToDate(_logger, DatabasePath, version);
    }

    private void ThrowIfTooNew(int version)
    {
        if (version > SchemaVersion)
        {
            Log.SchemaTooNew(_logger, DatabasePath, version, SchemaVersion);
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
