using System.Data.Common;
using Connctd.Connector.Sdk.Storage.Relational.Internal;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>The outbox (<see cref="IOutboxStore"/>).</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One transaction: with a coalescing key, the key is locked (<see cref="LockCoalescingKeyAsync"/>) and the newest
    /// message with the key takes the new payload if it is not leased; otherwise a message is inserted unless the
    /// outbox is full. A message whose coalescing key is queued already in a message that could not be coalesced into
    /// (it is in delivery) is queued behind it even when the outbox is full: a new value of a queued property is always
    /// accepted, which adds at most one message per message in delivery beyond the capacity.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public Task<OutboxEnqueueResult> EnqueueAsync(OutboxMessage message, long capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.TargetId, nameof(message));
        ArgumentException.ThrowIfNullOrEmpty(message.OrderingKey, nameof(message));
        ArgumentNullException.ThrowIfNull(message.Payload, nameof(message));
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return WriteAsync(
            async (connection, transaction) =>
            {
                if (message.CoalescingKey is not null)
                {
                    await LockCoalescingKeyAsync(connection.Connection, transaction, message.CoalescingKey, CancellationToken.None).ConfigureAwait(false);
                    object? coalesced = await Command(
                        connection,
                        transaction,
                        Statements.CoalesceMessage,
                        ("coalescingKey", message.CoalescingKey),
                        ("payload", message.Payload)).ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
                    if (coalesced is not null and not DBNull)
                    {
                        return OutboxEnqueueResult.Coalesced;
                    }
                }

                object? inserted = await Command(
                    connection,
                    transaction,
                    Statements.InsertMessage,
                    ("operation", (int)message.Operation),
                    ("targetId", message.TargetId),
                    ("orderingKey", message.OrderingKey),
                    ("coalescingKey", message.CoalescingKey),
                    ("payload", message.Payload),
                    ("enqueuedAt", message.EnqueuedAt),
                    ("attempts", message.Attempts),
                    ("nextAttemptAt", message.NextAttemptAt),
                    ("lastError", message.LastError),
                    ("capacity", capacity)).ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
                return inserted is not null and not DBNull ? OutboxEnqueueResult.Enqueued : OutboxEnqueueResult.Full;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One statement that selects and leases; a lease is committed without waiting for the disk (a lease lost to a power loss only lets the message be delivered again).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> or <paramref name="leaseDuration"/> is not positive.</exception>
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        IReadOnlyList<OutboxMessage> leased = await WriteAsync(
            (connection, transaction) => ReadAllAsync(
                Command(
                    connection,
                    transaction,
                    Statements.LeaseMessages,
                    ("now", now),
                    ("maxCount", maxCount),
                    ("owner", owner),
                    ("leaseExpiresAt", now + leaseDuration)),
                ReadOutboxMessage,
                CancellationToken.None),
            cancellationToken,
            WriteDurability.ProcessCrash).ConfigureAwait(false);
        return leased.Count > 1 ? [.. leased.OrderBy(message => message.Id)] : leased;
    }

    /// <inheritdoc />
    /// <remarks>The lease counts as held while <paramref name="owner"/> is recorded on the message, even after it expired, as long as nobody else leased the message since.</remarks>
    public async Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await ExecuteAsync(Statements.CompleteMessage, cancellationToken, ("id", id), ("owner", owner)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks>The lease counts as held while <paramref name="owner"/> is recorded on the message, even after it expired, as long as nobody else leased the message since.</remarks>
    public async Task<bool> RetryLaterAsync(long id, string owner, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(lastError);
        return await ExecuteAsync(
            Statements.RetryMessageLater,
            cancellationToken,
            ("id", id),
            ("owner", owner),
            ("attempts", attempts),
            ("nextAttemptAt", nextAttemptAt),
            ("lastError", lastError)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks>The dead letter's message counts the refused attempt (<see cref="OutboxMessage.Attempts"/> one higher) and has <paramref name="errorMessage"/> as its last error.</remarks>
    public async Task<bool> DeadLetterAsync(long id, string owner, string errorMessage, int statusCode, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(errorMessage);
        return await ExecuteAsync(
            Statements.DeadLetterMessage,
            cancellationToken,
            ("id", id),
            ("owner", owner),
            ("error", errorMessage),
            ("statusCode", statusCode),
            ("failedAt", failedAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListLeaseOwnersAsync(CancellationToken cancellationToken) =>
        ReadManyAsync(Statements.ListLeaseOwners, reader => reader.GetString(0), cancellationToken);

    /// <inheritdoc />
    public Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return ExecuteAsync(Statements.ReleaseLeases, cancellationToken, ("owner", owner));
    }

    /// <inheritdoc />
    public async Task<OutboxStatistics> GetOutboxStatisticsAsync(CancellationToken cancellationToken)
    {
        OutboxStatistics? statistics = await ReadOneAsync(
            Statements.SelectOutboxStatistics,
            reader => new OutboxStatistics(reader.GetInt64(0), reader.IsDBNull(1) ? null : ReadTime(reader, 1), reader.GetInt64(2)),
            cancellationToken).ConfigureAwait(false);
        return statistics!;
    }

    /// <inheritdoc />
    /// <remarks>Newest means most recently dead-lettered (by id, so clocks that differ between replicas do not matter).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not positive.</exception>
    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadManyAsync(Statements.ListDeadLetters, ReadDeadLetter, cancellationToken, ("maxCount", maxCount));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The message is queued again with a new id (at the end of its ordering key's order) and its original enqueue
    /// time. When a message with the same coalescing key is queued (whether or not it is in delivery), that one holds
    /// a newer value: the dead letter is deleted without being queued, so it cannot overwrite the newer value, and the
    /// call returns true. The outbox capacity does not apply (an operator's decision).
    /// </remarks>
    public Task<bool> RequeueDeadLetterAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                string? coalescingKey;
                DbDataReader reader = await Command(connection, transaction, Statements.SelectDeadLetterKey, ("id", id))
                    .ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                    {
                        return false;
                    }

                    coalescingKey = GetNullableString(reader, 0);
                }

                if (coalescingKey is not null)
                {
                    await LockCoalescingKeyAsync(connection.Connection, transaction, coalescingKey, CancellationToken.None).ConfigureAwait(false);
                }

                await Command(connection, transaction, Statements.RequeueDeadLetter, ("id", id), ("now", now))
                    .ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken) =>
        await ExecuteAsync(Statements.DeleteDeadLetter, cancellationToken, ("id", id)).ConfigureAwait(false) > 0;
}
