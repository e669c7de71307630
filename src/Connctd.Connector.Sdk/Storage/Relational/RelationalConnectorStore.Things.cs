using System.Data.Common;
using Connctd.Connector.Sdk.Storage.Relational.Internal;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>Thing mappings.</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    public Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        return ReadOneAsync(Statements.SelectThingByThingId, ReadMapping, cancellationToken, ("thingId", thingId));
    }

    /// <inheritdoc />
    public async Task<(ThingMapping Thing, InstanceRecord Instance)?> FindThingWithInstanceAsync(string thingId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        ThingWithInstance? found = await ReadOneAsync(
            Statements.SelectThingWithInstance,
            reader => new ThingWithInstance(ReadMapping(reader), ReadInstance(reader, 6)),
            cancellationToken,
            ("thingId", thingId)).ConfigureAwait(false);
        return found is null ? null : (found.Thing, found.Instance);
    }

    /// <inheritdoc />
    public Task<ThingMapping?> FindThingByExternalIdAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        return ReadOneAsync(Statements.SelectThingByExternalId, ReadMapping, cancellationToken, ("instanceId", instanceId), ("externalId", externalId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return ReadManyAsync(Statements.ListThings, ReadMapping, cancellationToken, ("instanceId", instanceId));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The insert and the read-back run in one write transaction; the read-back is a statement of its own, so on a
    /// database with concurrent writers (READ COMMITTED) it sees the row of a concurrent winner, which committed while
    /// the insert waited for it.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The instance is not known.</exception>
    public async Task<(ThingMapping Mapping, bool Claimed)> ClaimThingCreationAsync(
        string instanceId,
        string externalId,
        DateTimeOffset claimedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        try
        {
            (ThingMapping? mapping, bool claimed) = await InsertOrReadBackAsync(
                Statements.ClaimThing,
                [("instanceId", instanceId), ("externalId", externalId), ("state", (int)ThingMappingState.Creating), ("updatedAt", claimedAt)],
                Statements.SelectThingByExternalId,
                [("instanceId", instanceId), ("externalId", externalId)],
                ReadMapping,
                $"Thing '{externalId}' of instance '{instanceId}' could not be claimed: its mapping was deleted each time it was read back.",
                readInserted: true,
                WriteDurability.PowerLoss,
                cancellationToken).ConfigureAwait(false);
            return (mapping!, claimed);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            throw ThingInstanceMissing(instanceId, externalId, "claimed", exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Records the mapping even when the claim is missing (the thing exists on the platform, so its id must not be
    /// lost); the instance must exist.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The instance is not known, or the thing id is already mapped to another thing.</exception>
    public async Task CompleteThingCreationAsync(string instanceId, string externalId, string thingId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        try
        {
            await ExecuteAsync(
                Statements.CompleteThing,
                cancellationToken,
                ("instanceId", instanceId),
                ("externalId", externalId),
                ("thingId", thingId),
                ("state", (int)ThingMappingState.Created),
                ("updatedAt", createdAt)).ConfigureAwait(false);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            throw ThingInstanceMissing(instanceId, externalId, "stored", exception);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            Log.ThingIdTaken(Logger, thingId, instanceId, externalId);
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
        return await ExecuteAsync(
            Statements.UpdateThingTemplateHash,
            cancellationToken,
            ("instanceId", instanceId),
            ("externalId", externalId),
            ("templateHash", templateHash)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        return await ExecuteAsync(Statements.DeleteThing, cancellationToken, ("instanceId", instanceId), ("externalId", externalId)).ConfigureAwait(false) > 0;
    }

    private InvalidOperationException ThingInstanceMissing(string instanceId, string externalId, string verb, Exception exception)
    {
        Log.ThingInstanceMissing(Logger, instanceId, externalId);
        return new InvalidOperationException($"Thing '{externalId}' cannot be {verb}: instance '{instanceId}' is not known.", exception);
    }

    /// <summary>
    /// The claim of <see cref="ClaimThingCreationAsync"/> and <see cref="TryBeginActionAsync"/>: inserts a row unless it
    /// exists, then reads the row now stored, in one write transaction; the read-back is a statement of its own, so on a
    /// database with concurrent writers (READ COMMITTED) it sees a concurrent winner that committed while the insert
    /// waited. Tried again when the row was deleted between the two. Without <paramref name="readInserted"/> an inserted
    /// row is not read back (the caller knows it) and comes back as null.
    /// </summary>
    private Task<(T? Row, bool Inserted)> InsertOrReadBackAsync<T>(
        string insert,
        (string Name, object? Value)[] insertParameters,
        string select,
        (string Name, object? Value)[] selectParameters,
        Func<DbDataReader, T> read,
        string vanished,
        bool readInserted,
        WriteDurability durability,
        CancellationToken cancellationToken)
        where T : class =>
        WriteAsync(
            async (connection, transaction) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    int inserted = await Command(connection, transaction, insert, insertParameters).ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                    if (inserted == 1 && !readInserted)
                    {
                        return ((T?)null, true);
                    }

                    T? row = await ReadSingleAsync(Command(connection, transaction, select, selectParameters), read, CancellationToken.None).ConfigureAwait(false);
                    if (row is not null)
                    {
                        return ((T?)row, inserted == 1);
                    }

                    if (attempt == MaxClaimAttempts)
                    {
                        throw new InvalidOperationException(vanished);
                    }
                }
            },
            cancellationToken,
            durability);

    /// <summary>A mapping with its instance, as one row holds them.</summary>
    private sealed record ThingWithInstance(ThingMapping Thing, InstanceRecord Instance);
}
