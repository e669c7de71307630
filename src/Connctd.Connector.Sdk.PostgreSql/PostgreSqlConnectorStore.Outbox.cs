using System.Data.Common;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Storage.Internal;
using Npgsql;
using static Connctd.Connector.Sdk.Storage.Internal.StoreReader;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>The outbox part of the PostgreSQL store (<see cref="IOutboxStore"/>).</summary>
public sealed partial class PostgreSqlConnectorStore
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// One transaction. With a coalescing key it first takes a transaction-scoped advisory lock on that key, so
    /// concurrent enqueues of one key (from any replica) run one after the other and the second one coalesces into
    /// the first one's message. The message coalesced into is the newest message with the key, and only while it is
    /// not leased; otherwise (it is in delivery, or was leased and its lease expired) a new message is queued after
    /// it, so the newest value is always delivered last.
    /// </para>
    /// <para>
    /// The capacity is checked by counting (at most <paramref name="capacity"/> rows) before the insert, except for a
    /// message whose coalescing key is queued already in a message that could not be coalesced into (it is in
    /// delivery): a new value of a queued property is always accepted, which adds at most one message per message in
    /// delivery beyond the capacity. Enqueues of
    /// different keys do not wait for each other, so replicas enqueueing at the same moment may each add their
    /// message to an outbox one short of full: the bound can be passed by at most the number of concurrent enqueues.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public async Task<OutboxEnqueueResult> EnqueueAsync(OutboxMessage message, long capacity, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckEnqueue(message, capacity);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (message.CoalescingKey is not null)
                {
                    await LockCoalescingKeyAsync(message.CoalescingKey, connection, transaction, cancellationToken).ConfigureAwait(false);

                    using var coalesce = Command(_sql.CoalesceMessage, connection, transaction)
                        .With("coalescingKey", message.CoalescingKey)
                        .With("payload", message.Payload);
                    if (await coalesce.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return OutboxEnqueueResult.Coalesced;
                    }
                }

                using var insert = Command(_sql.InsertMessage, connection, transaction)
                    .With("operation", (int)message.Operation)
                    .With("targetId", message.TargetId)
                    .With("orderingKey", message.OrderingKey)
                    .With("coalescingKey", message.CoalescingKey)
                    .With("payload", message.Payload)
                    .With("enqueuedAt", message.EnqueuedAt)
                    .With("attempts", message.Attempts)
                    .With("nextAttemptAt", message.NextAttemptAt)
                    .With("lastError", message.LastError)
                    .With("capacity", capacity);
                var inserted = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return inserted ? OutboxEnqueueResult.Enqueued : OutboxEnqueueResult.Full;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement: the due, unleased (or expired) messages that are the oldest of their ordering key, with no
    /// unexpired lease on any message of that key, are locked with <c>FOR UPDATE SKIP LOCKED</c> (rows another
    /// replica is leasing at this moment are skipped, not waited for) and leased to <paramref name="owner"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> or <paramref name="leaseDuration"/> is not positive.</exception>
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(
        string owner,
        int maxCount,
        DateTimeOffset now,
        TimeSpan leaseDuration,
        CancellationToken cancellationToken)
    {
        OutboxArguments.CheckLease(owner, maxCount, leaseDuration);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.LeaseMessages)
            .With("now", now)
            .With("maxCount", maxCount)
            .With("owner", owner)
            .With("leaseExpiresAt", now + leaseDuration);
        var leased = await ReadAllAsync(command, ReadOutboxMessage, cancellationToken).ConfigureAwait(false);
        return leased.Count > 1 ? [.. leased.OrderBy(m => m.Id)] : leased;
    }

    /// <inheritdoc />
    /// <remarks>The lease counts as held while <paramref name="owner"/> is recorded on the message, even after it expired, as long as nobody else leased the message since.</remarks>
    public async Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckOwner(owner);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.CompleteMessage).With("id", id).With("owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks>The lease counts as held while <paramref name="owner"/> is recorded on the message, even after it expired, as long as nobody else leased the message since.</remarks>
    public async Task<bool> RetryLaterAsync(
        long id,
        string owner,
        int attempts,
        DateTimeOffset nextAttemptAt,
        string lastError,
        CancellationToken cancellationToken)
    {
        OutboxArguments.CheckRetryLater(owner, lastError);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.RetryMessageLater)
            .With("id", id)
            .With("owner", owner)
            .With("attempts", attempts)
            .With("nextAttemptAt", nextAttemptAt)
            .With("lastError", lastError);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement (<c>DELETE … RETURNING</c> feeding an <c>INSERT</c>). The dead letter's message counts the refused
    /// attempt (<see cref="OutboxMessage.Attempts"/> one higher) and has <paramref name="errorMessage"/> as its last error.
    /// </remarks>
    public async Task<bool> DeadLetterAsync(
        long id,
        string owner,
        string errorMessage,
        int statusCode,
        DateTimeOffset failedAt,
        CancellationToken cancellationToken)
    {
        OutboxArguments.CheckDeadLetter(owner, errorMessage);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.DeadLetterMessage)
            .With("id", id)
            .With("owner", owner)
            .With("error", errorMessage)
            .With("statusCode", statusCode)
            .With("failedAt", failedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks><see cref="OutboxStatistics.OldestEnqueuedAt"/> counts messages in delivery too. Counting is a scan of the outbox.</remarks>
    public async Task<OutboxStatistics> GetOutboxStatisticsAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.SelectOutboxStatistics);
        var statistics = await ReadSingleAsync(
            command,
            reader => new OutboxStatistics(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : GetTime(reader, 1),
                reader.GetInt64(2)),
            cancellationToken).ConfigureAwait(false);
        return statistics!;
    }

    /// <inheritdoc />
    /// <remarks>Newest means most recently dead-lettered (by id, so clocks that differ between replicas do not matter).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not positive.</exception>
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckMaxCount(maxCount);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.ListDeadLetters).With("maxCount", maxCount);
        return await ReadAllAsync(command, ReadDeadLetter, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The message is queued again with a new id (at the end of its ordering key's order) and its original enqueue
    /// time. When a message with the same coalescing key is queued (whether or not it is in delivery), that one holds
    /// a newer value: the dead letter is deleted without being queued, so it cannot overwrite the newer value, and the
    /// call returns true. Runs under the coalescing key's advisory lock, like <see cref="EnqueueAsync"/>. The outbox
    /// capacity does not apply (an operator's decision).
    /// </remarks>
    public async Task<bool> RequeueDeadLetterAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                string? coalescingKey;
                using (var select = Command(_sql.LockDeadLetter, connection, transaction).With("id", id))
                {
                    var found = await ReadSingleAsync(select, reader => new Box<string?>(GetNullableString(reader, 0)), cancellationToken)
                        .ConfigureAwait(false);
                    if (found is null)
                    {
                        return false;
                    }

                    coalescingKey = found.Value;
                }

                if (coalescingKey is not null)
                {
                    await LockCoalescingKeyAsync(coalescingKey, connection, transaction, cancellationToken).ConfigureAwait(false);
                }

                using (var requeue = Command(_sql.RequeueDeadLetter, connection, transaction).With("id", id).With("now", now))
                {
                    await requeue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(_sql.DeleteDeadLetter).With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Serializes, across processes, the transactions that decide whether a message with this coalescing key is queued.</summary>
    private async Task LockCoalescingKeyAsync(
        string coalescingKey,
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        using var command = Command(PostgreSqlStatements.AdvisoryTransactionLock, connection, transaction)
            .With("key", LockKeyPrefix + "outbox/" + Schema + "/" + coalescingKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries a value that may be null out of <see cref="ReadSingleAsync{T}"/>, which uses null for "no row".</summary>
    private sealed record Box<T>(T Value);

    private static DeadLetter ReadDeadLetter(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Message: ReadOutboxMessage(reader, first: 1, nextAttemptAt: 9, lastError: 10),
        Error: reader.GetString(11),
        StatusCode: reader.GetInt32(12),
        FailedAt: GetTime(reader, 13));
}
