using System.Globalization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

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
    private readonly SemaphoreSlim _initializationLock = new(1, 1);
    private volatile bool _initialized;
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
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectSchemaVersion);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectInstallation).With("id", installationId);
        return await ReadSingleAsync(command, ReadInstallation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.ListInstallations);
        return await ReadAllAsync(command, ReadInstallation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentException.ThrowIfNullOrEmpty(installation.Id, nameof(installation));
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.UpsertInstallation)
            .With("id", installation.Id)
            .With("protectedToken", installation.ProtectedToken)
            .With("configuration", PostgreSqlValues.FormatConfiguration(installation.Configuration))
            .With("state", (int)installation.State)
            .With("createdAt", installation.CreatedAt)
            .With("updatedAt", installation.UpdatedAt)
            .With("answerJson", installation.AnswerJson);
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
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.UpdateInstallationState)
            .With("id", installationId)
            .With("state", (int)state)
            .With("updatedAt", updatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.DeleteInstallation).With("id", installationId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectInstance).With("id", instanceId);
        return await ReadSingleAsync(command, ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = installationId is null
            ? Command(_sql.ListInstances)
            : Command(_sql.ListInstancesOfInstallation).With("installationId", installationId);
        return await ReadAllAsync(command, ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(
        ThingCreationStatus status,
        CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.ListInstancesByThingCreation).With("thingCreation", (int)status);
        return await ReadAllAsync(command, ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id, nameof(instance));
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.UpsertInstance)
            .With("id", instance.Id)
            .With("installationId", instance.InstallationId)
            .With("protectedToken", instance.ProtectedToken)
            .With("configuration", PostgreSqlValues.FormatConfiguration(instance.Configuration))
            .With("state", (int)instance.State)
            .With("thingCreation", (int)instance.ThingCreation)
            .With("createdAt", instance.CreatedAt)
            .With("updatedAt", instance.UpdatedAt)
            .With("answerJson", instance.AnswerJson);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (PostgreSqlValues.IsForeignKeyViolation(exception))
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
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.UpdateInstanceState)
            .With("id", instanceId)
            .With("state", (int)state)
            .With("thingCreation", (int)thingCreation)
            .With("updatedAt", updatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.DeleteInstance).With("id", instanceId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectThingByThingId).With("thingId", thingId);
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
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectThingByExternalId)
            .With("instanceId", instanceId)
            .With("externalId", externalId);
        return await ReadSingleAsync(command, ReadMapping, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.ListThings).With("instanceId", instanceId);
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
                    Log.ThingInstanceMissing(_logger, instanceId, externalId);
                    throw new InvalidOperationException(
                        $"Thing '{externalId}' cannot be claimed: instance '{instanceId}' is not known.",
                        exception);
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
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.CompleteThing)
            .With("instanceId", instanceId)
            .With("externalId", externalId)
            .With("thingId", thingId)
            .With("state", (int)ThingMappingState.Created)
            .With("updatedAt", createdAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (PostgreSqlValues.IsForeignKeyViolation(exception))
        {
            Log.ThingInstanceMissing(_logger, instanceId, externalId);
            throw new InvalidOperationException(
                $"Thing '{externalId}' cannot be stored: instance '{instanceId}' is not known.",
                exception);
        }
        catch (PostgresException exception) when (PostgreSqlValues.IsUniqueViolation(exception))
        {
            Log.ThingIdTaken(_logger, thingId, instanceId, externalId);
            throw new InvalidOperationException(
                $"Thing '{externalId}' of instance '{instanceId}' cannot be stored: thing id '{thingId}' is already mapped to another thing.",
                exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateThingTemplateHashAsync(
        string instanceId,
        string externalId,
        string templateHash,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentException.ThrowIfNullOrEmpty(templateHash);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.UpdateThingTemplateHash)
            .With("instanceId", instanceId)
            .With("externalId", externalId)
            .With("templateHash", templateHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.DeleteThing)
            .With("instanceId", instanceId)
            .With("externalId", externalId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

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
                    Log.ActionInstanceMissing(_logger, action.Id, action.InstanceId);
                    throw new InvalidOperationException(
                        $"Action request '{action.Id}' cannot be stored: instance '{action.InstanceId}' is not known.",
                        exception);
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
    public async Task<bool> UpdateActionAsync(
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.UpdateAction)
            .With("id", actionRequestId)
            .With("status", (int)status)
            .With("error", errorMessage)
            .With("responseStatusCode", responseStatusCode)
            .With("updatedAt", updatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectAction).With("id", actionRequestId);
        return await ReadSingleAsync(command, ReadAction, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.DeleteActionsOlderThan).With("olderThan", olderThan);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetKeyElements()
    {
        EnsureReady();
        using var command = Command(_sql.ListKeyElements);
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
        EnsureReady();
        using var command = Command(_sql.UpsertKeyElement)
            .With("friendlyName", friendlyName)
            .With("xml", xml)
            .With("createdAt", _timeProvider.GetUtcNow());
        command.ExecuteNonQuery();
    }

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

        _initializationLock.Dispose();
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

        _initializationLock.Dispose();
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

    private static async Task<T?> ReadSingleAsync<T>(
        NpgsqlCommand command,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
        }
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        NpgsqlCommand command,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var items = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(read(reader));
            }

            return items;
        }
    }

    private static InstallationRecord ReadInstallation(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        ProtectedToken: reader.GetString(1),
        Configuration: PostgreSqlValues.ParseConfiguration(reader.GetString(2)),
        State: (LifecycleState)reader.GetInt32(3),
        CreatedAt: reader.GetTime(4),
        UpdatedAt: reader.GetTime(5),
        AnswerJson: reader.GetNullableString(6));

    private static InstanceRecord ReadInstance(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        InstallationId: reader.GetString(1),
        ProtectedToken: reader.GetString(2),
        Configuration: PostgreSqlValues.ParseConfiguration(reader.GetString(3)),
        State: (LifecycleState)reader.GetInt32(4),
        ThingCreation: (ThingCreationStatus)reader.GetInt32(5),
        CreatedAt: reader.GetTime(6),
        UpdatedAt: reader.GetTime(7),
        AnswerJson: reader.GetNullableString(8));

    private static ThingMapping ReadMapping(NpgsqlDataReader reader) => new(
        InstanceId: reader.GetString(0),
        ExternalId: reader.GetString(1),
        ThingId: reader.GetNullableString(2),
        State: (ThingMappingState)reader.GetInt32(3),
        UpdatedAt: reader.GetTime(4),
        TemplateHash: reader.GetNullableString(5));

    private static ActionRecord ReadAction(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        InstanceId: reader.GetString(1),
        ThingId: reader.GetString(2),
        ComponentId: reader.GetString(3),
        ActionId: reader.GetString(4),
        Status: (ActionStatus)reader.GetInt32(5),
        Error: reader.GetNullableString(6),
        ResponseStatusCode: reader.GetInt32(7),
        CreatedAt: reader.GetTime(8),
        UpdatedAt: reader.GetTime(9));

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.CommandTimeout = _commandTimeoutSeconds;
        return command;
    }

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(sql, connection, transaction) { CommandTimeout = _commandTimeoutSeconds };

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Prepares the schema before the first operation.</summary>
    private ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _initialized ? ValueTask.CompletedTask : new ValueTask(EnsureInitializedAsync(cancellationToken));
    }

    /// <summary>
    /// The synchronous counterpart of <see cref="EnsureReadyAsync"/> for the key ring, which Data Protection reads
    /// synchronously. Blocks only once, for the migration (every await inside uses <c>ConfigureAwait(false)</c>).
    /// </summary>
    private void EnsureReady()
    {
        ThrowIfDisposed();
        if (!_initialized)
        {
            EnsureInitializedAsync(CancellationToken.None).GetAwaiter().GetResult();
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
