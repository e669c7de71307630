using System.Data.Common;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Storage.Internal;
using static Connctd.Connector.Sdk.Storage.Internal.StoreReader;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>The outbox part of the SQLite store (<see cref="IOutboxStore"/>).</summary>
public sealed partial class SqliteConnectorStore
{
    /// <inheritdoc />
    /// <remarks>
    /// A message whose coalescing key is queued already in a message that could not be coalesced into (it is in
    /// delivery) is queued behind it even when the outbox holds <paramref name="capacity"/> messages: a new value of a
    /// queued property is always accepted, which adds at most one message per message in delivery beyond the capacity.
    /// </remarks>
    public async Task<OutboxEnqueueResult> EnqueueAsync(OutboxMessage message, long capacity, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckEnqueue(message, capacity);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (message.CoalescingKey is not null)
        {
            object? queuedId;
            using (var find = SqliteValues.Command(connection, SqliteOutboxStatements.FindCoalescable, transaction)
                .With("$coalescingKey", message.CoalescingKey))
            {
                queuedId = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            if (queuedId is long id)
            {
                using var coalesce = SqliteValues.Command(connection, SqliteOutboxStatements.Coalesce, transaction)
                    .With("$payload", message.Payload)
                    .With("$id", id);
                await coalesce.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return OutboxEnqueueResult.Coalesced;
            }
        }

        bool keyQueued = false;
        if (message.CoalescingKey is not null)
        {
            using var queued = SqliteValues.Command(connection, SqliteOutboxStatements.HasCoalescingKey, transaction)
                .With("$coalescingKey", message.CoalescingKey);
            keyQueued = (long)(await queued.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0;
        }

        if (!keyQueued)
        {
            using var full = SqliteValues.Command(connection, SqliteOutboxStatements.AtCapacity, transaction).With("$capacity", capacity);
            if ((long)(await full.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0)
            {
                return OutboxEnqueueResult.Full;
            }
        }

        using (var insert = SqliteValues.Command(connection, SqliteOutboxStatements.Insert, transaction)
            .With("$operation", (long)message.Operation)
            .With("$targetId", message.TargetId)
            .With("$orderingKey", message.OrderingKey)
            .With("$coalescingKey", message.CoalescingKey)
            .With("$payload", message.Payload)
            .With("$enqueuedAt", message.EnqueuedAt)
            .With("$attempts", message.Attempts)
            .With("$nextAttemptAt", message.NextAttemptAt)
            .With("$lastError", message.LastError))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return OutboxEnqueueResult.Enqueued;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckLease(owner, maxCount, leaseDuration);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        IReadOnlyList<OutboxMessage> messages;
        using (var select = SqliteValues.Command(connection, SqliteOutboxStatements.SelectLeasable, transaction)
            .With("$now", now)
            .With("$maxCount", maxCount))
        {
            messages = await ReadAllAsync(select, ReadOutboxMessage, cancellationToken).ConfigureAwait(false);
        }

        foreach (OutboxMessage message in messages)
        {
            using var lease = SqliteValues.Command(connection, SqliteOutboxStatements.Lease, transaction)
                .With("$owner", owner)
                .With("$leaseExpiresAt", now + leaseDuration)
                .With("$id", message.Id);
            await lease.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return messages;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckOwner(owner);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteOutboxStatements.Complete).With("$id", id).With("$owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RetryLaterAsync(long id, string owner, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckRetryLater(owner, lastError);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteOutboxStatements.RetryLater)
            .With("$id", id)
            .With("$owner", owner)
            .With("$attempts", attempts)
            .With("$nextAttemptAt", nextAttemptAt)
            .With("$lastError", lastError);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> DeadLetterAsync(long id, string owner, string errorMessage, int statusCode, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckDeadLetter(owner, errorMessage);
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var move = SqliteValues.Command(connection, SqliteOutboxStatements.MoveToDeadLetters, transaction)
            .With("$id", id)
            .With("$owner", owner)
            .With("$error", errorMessage)
            .With("$statusCode", statusCode)
            .With("$failedAt", failedAt))
        {
            if (await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        using (var delete = SqliteValues.Command(connection, SqliteOutboxStatements.Delete, transaction).With("$id", id))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<OutboxStatistics> GetOutboxStatisticsAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteOutboxStatements.Statistics);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxStatistics(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : SqliteValues.ParseTime(reader.GetString(1)),
            reader.GetInt64(2));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        OutboxArguments.CheckMaxCount(maxCount);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteOutboxStatements.ListDeadLetters).With("$maxCount", maxCount);
        return await ReadAllAsync(command, ReadDeadLetter, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// When a newer message with the same coalescing key is queued or in delivery, the dead letter's value is out of date: it is
    /// deleted without being queued again, so it cannot overwrite the newer value.
    /// </remarks>
    public async Task<bool> RequeueDeadLetterAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        DeadLetter? deadLetter;
        using (var select = SqliteValues.Command(connection, SqliteOutboxStatements.ListDeadLetters.Replace("ORDER BY id DESC LIMIT $maxCount", "WHERE id = $id", StringComparison.Ordinal), transaction)
            .With("$id", id))
        {
            deadLetter = await ReadSingleAsync(select, ReadDeadLetter, cancellationToken).ConfigureAwait(false);
        }

        if (deadLetter is null)
        {
            return false;
        }

        bool superseded = false;
        if (deadLetter.Message.CoalescingKey is { } coalescingKey)
        {
            // Any message with the key, queued or in delivery, holds a newer value than the dead letter.
            using var find = SqliteValues.Command(connection, SqliteOutboxStatements.HasCoalescingKey, transaction).With("$coalescingKey", coalescingKey);
            superseded = (long)(await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0;
        }

        if (!superseded)
        {
            using var requeue = SqliteValues.Command(connection, SqliteOutboxStatements.RequeueDeadLetter, transaction).With("$id", id).With("$now", now);
            await requeue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var delete = SqliteValues.Command(connection, SqliteOutboxStatements.DeleteDeadLetter, transaction).With("$id", id))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        using var connection = await OpenForWriteAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, SqliteOutboxStatements.DeleteDeadLetter).With("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>A dead letter row keeps no next attempt time and no last error: the failure time and the error stand in for them.</summary>
    private static DeadLetter ReadDeadLetter(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Message: ReadOutboxMessage(reader, first: 1, nextAttemptAt: 11, lastError: 9),
        Error: reader.GetString(9),
        StatusCode: reader.GetInt32(10),
        FailedAt: GetTime(reader, 11));
}
