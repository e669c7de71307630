using System.Globalization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private readonly SemaphoreSlim _initializationLock = new(1, 1);

    // Writers of this store object take turns here (see OpenForWriteAsync); never disposed, so a connection closed
    // after Dispose can still release it.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _initialized;
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
        await _initializationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initializationLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectSchemaVersion);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectInstallation).With("$id", installationId);
        return await ReadSingleAsync(command, ReadInstallation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.ListInstallations);
        return await ReadAllAsync(command, ReadInstallation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentException.ThrowIfNullOrEmpty(installation.Id, nameof(installation));
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.UpsertInstallation)
            .With("$id", installation.Id)
            .With("$protectedToken", installation.ProtectedToken)
            .With("$configuration", SqliteValues.FormatConfiguration(installation.Configuration))
            .With("$state", (long)installation.State)
            .With("$createdAt", installation.CreatedAt)
            .With("$updatedAt", installation.UpdatedAt)
            .With("$answerJson", installation.AnswerJson);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> UpdateInstallationStateAsync(
        string installationId,
        LifecycleState state,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.UpdateInstallationState)
            .With("$id", installationId)
            .With("$state", (long)state)
            .With("$updatedAt", updatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.DeleteInstallation).With("$id", installationId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectInstance).With("$id", instanceId);
        return await ReadSingleAsync(command, ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = installationId is null
            ? SqliteValues.Command(connection, SqliteStatements.ListInstances)
            : SqliteValues.Command(connection, SqliteStatements.ListInstancesOfInstallation).With("$installationId", installationId);
        return await ReadAllAsync(command, ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(
        ThingCreationStatus status,
        CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.ListInstancesByThingCreation)
            .With("$thingCreation", (long)status);
        return await ReadAllAsync(command, ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id, nameof(instance));
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.UpsertInstance)
            .With("$id", instance.Id)
            .With("$installationId", instance.InstallationId)
            .With("$protectedToken", instance.ProtectedToken)
            .With("$configuration", SqliteValues.FormatConfiguration(instance.Configuration))
            .With("$state", (long)instance.State)
            .With("$thingCreation", (long)instance.ThingCreation)
            .With("$createdAt", instance.CreatedAt)
            .With("$updatedAt", instance.UpdatedAt)
            .With("$answerJson", instance.AnswerJson);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (SqliteValues.IsForeignKeyViolation(exception))
        {
            Log.InstallationMissing(_logger, instance.Id, instance.InstallationId);
            throw new InvalidOperationException(
                $"Instance '{instance.Id}' cannot be stored: its installation '{instance.InstallationId}' is not known.",
                exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateInstanceStateAsync(
        string instanceId,
        LifecycleState state,
        ThingCreationStatus thingCreation,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.UpdateInstanceState)
            .With("$id", instanceId)
            .With("$state", (long)state)
            .With("$thingCreation", (long)thingCreation)
            .With("$updatedAt", updatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.DeleteInstance).With("$id", instanceId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectThingByThingId).With("$thingId", thingId);
        return await ReadSingleAsync(command, ReadMapping, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ThingMapping?> FindThingByExternalIdAsync(
        string instanceId,
        string externalId,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectThingByExternalId)
            .With("$instanceId", instanceId)
            .With("$externalId", externalId);
        return await ReadSingleAsync(command, ReadMapping, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.ListThings).With("$instanceId", instanceId);
        return await ReadAllAsync(command, ReadMapping, cancellationToken).ConfigureAwait(false);
    }

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
                Log.ThingInstanceMissing(_logger, instanceId, externalId);
                throw new InvalidOperationException(
                    $"Thing '{externalId}' cannot be claimed: instance '{instanceId}' is not known.",
                    exception);
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
    public async Task CompleteThingCreationAsync(
        string instanceId,
        string externalId,
        string thingId,
        DateTimeOffset createdAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.CompleteThing)
            .With("$instanceId", instanceId)
            .With("$externalId", externalId)
            .With("$thingId", thingId)
            .With("$state", (long)ThingMappingState.Created)
            .With("$updatedAt", createdAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (SqliteValues.IsForeignKeyViolation(exception))
        {
            Log.ThingInstanceMissing(_logger, instanceId, externalId);
            throw new InvalidOperationException(
                $"Thing '{externalId}' cannot be stored: instance '{instanceId}' is not known.",
                exception);
        }
        catch (SqliteException exception) when (SqliteValues.IsUniqueViolation(exception))
        {
            Log.ThingIdTaken(_logger, thingId, instanceId, externalId);
            throw new InvalidOperationException(
                $"Thing '{externalId}' of instance '{instanceId}' cannot be stored: thing id '{thingId}' is already mapped to another thing.",
                exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateThingTemplateHashAsync(string instanceId, string externalId, string templateHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentException.ThrowIfNullOrEmpty(templateHash);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.UpdateThingTemplateHash)
            .With("$instanceId", instanceId)
            .With("$externalId", externalId)
            .With("$templateHash", templateHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.DeleteThing)
            .With("$instanceId", instanceId)
            .With("$externalId", externalId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

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
                Log.ActionInstanceMissing(_logger, action.Id, action.InstanceId);
                throw new InvalidOperationException(
                    $"Action request '{action.Id}' cannot be stored: instance '{action.InstanceId}' is not known.",
                    exception);
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
    public async Task<bool> UpdateActionAsync(
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.UpdateAction)
            .With("$id", actionRequestId)
            .With("$status", (long)status)
            .With("$error", errorMessage)
            .With("$responseStatusCode", responseStatusCode)
            .With("$updatedAt", updatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.SelectAction).With("$id", actionRequestId);
        return await ReadSingleAsync(command, ReadAction, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteStatements.DeleteActionsOlderThan).With("$olderThan", olderThan);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetKeyElements()
    {
        using var connection = Open();
        using var command = SqliteValues.Command(connection, SqliteStatements.ListKeyElements);
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    /// <inheritdoc />
    /// <remarks>A replaced element keeps its place in the order of <see cref="GetKeyElements"/>.</remarks>
    public void StoreKeyElement(string friendlyName, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ArgumentNullException.ThrowIfNull(xml);
        using var connection = Open();
        using var command = SqliteValues.Command(connection, SqliteStatements.UpsertKeyElement)
            .With("$friendlyName", friendlyName)
            .With("$xml", xml)
            .With("$createdAt", _timeProvider.GetUtcNow());
        command.ExecuteNonQuery();
    }

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

        _initializationLock.Dispose();
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

    private static async Task<T?> ReadSingleAsync<T>(
        SqliteCommand command,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        SqliteCommand command,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }

    private static InstallationRecord ReadInstallation(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        ProtectedToken: reader.GetString(1),
        Configuration: SqliteValues.ParseConfiguration(reader.GetString(2)),
        State: (LifecycleState)reader.GetInt32(3),
        CreatedAt: SqliteValues.ParseTime(reader.GetString(4)),
        UpdatedAt: SqliteValues.ParseTime(reader.GetString(5)),
        AnswerJson: reader.IsDBNull(6) ? null : reader.GetString(6));

    private static InstanceRecord ReadInstance(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        InstallationId: reader.GetString(1),
        ProtectedToken: reader.GetString(2),
        Configuration: SqliteValues.ParseConfiguration(reader.GetString(3)),
        State: (LifecycleState)reader.GetInt32(4),
        ThingCreation: (ThingCreationStatus)reader.GetInt32(5),
        CreatedAt: SqliteValues.ParseTime(reader.GetString(6)),
        UpdatedAt: SqliteValues.ParseTime(reader.GetString(7)),
        AnswerJson: reader.IsDBNull(8) ? null : reader.GetString(8));

    private static ThingMapping ReadMapping(SqliteDataReader reader) => new(
        InstanceId: reader.GetString(0),
        ExternalId: reader.GetString(1),
        ThingId: reader.IsDBNull(2) ? null : reader.GetString(2),
        State: (ThingMappingState)reader.GetInt32(3),
        UpdatedAt: SqliteValues.ParseTime(reader.GetString(4)),
        TemplateHash: reader.IsDBNull(5) ? null : reader.GetString(5));

    private static ActionRecord ReadAction(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        InstanceId: reader.GetString(1),
        ThingId: reader.GetString(2),
        ComponentId: reader.GetString(3),
        ActionId: reader.GetString(4),
        Status: (ActionStatus)reader.GetInt32(5),
        Error: reader.IsDBNull(6) ? null : reader.GetString(6),
        ResponseStatusCode: reader.GetInt32(7),
        CreatedAt: SqliteValues.ParseTime(reader.GetString(8)),
        UpdatedAt: SqliteValues.ParseTime(reader.GetString(9)));

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Opens a connection for an operation, preparing the schema first if no operation has yet.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (!_initialized)
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
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
    private async Task<SqliteConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (!_initialized)
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
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
    private SqliteConnection Open()
    {
        ThrowIfDisposed();
        if (!_initialized)
        {
            EnsureInitializedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

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

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        await _initializationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initializationLock.Release();
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
