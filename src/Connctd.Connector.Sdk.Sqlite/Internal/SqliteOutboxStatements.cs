using Connctd.Connector.Sdk.Storage.Internal;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>The statements of the outbox. Every write runs in a <c>BEGIN IMMEDIATE</c> transaction, so SQLite's single writer makes each step atomic.</summary>
internal static class SqliteOutboxStatements
{
    /// <summary>The newest queued message with the key that nobody is delivering (an expired lease counts as not delivering only once re-leased).</summary>
    public const string FindCoalescable = """
        SELECT id FROM outbox
        WHERE coalescing_key = $coalescingKey AND lease_owner IS NULL
        ORDER BY id DESC LIMIT 1;
        """;

    public const string Coalesce = "UPDATE outbox SET payload = $payload WHERE id = $id;";

    /// <summary>
    /// Whether the outbox holds at least <c>$capacity</c> messages, without counting them when it surely does not: ids
    /// only grow, so <c>MAX(id) - MIN(id) + 1</c> is at least the number of messages, and both ends of the rowid tree are
    /// found in logarithmic time (each in a query of its own, which is what lets SQLite skip the scan). Only when that
    /// bound reaches the capacity is the table counted. A plain COUNT(*) reads every row: with 10^5 messages queued
    /// during an outage it made each enqueue about ten times slower, exactly when updates pile up.
    /// </summary>
    public const string AtCapacity = """
        SELECT CASE
            WHEN COALESCE((SELECT MAX(id) FROM outbox) - (SELECT MIN(id) FROM outbox) + 1, 0) < $capacity THEN 0
            ELSE (SELECT COUNT(*) FROM outbox) >= $capacity
        END;
        """;

    /// <summary>Whether any message with the key is queued or in delivery.</summary>
    public const string HasCoalescingKey = "SELECT EXISTS (SELECT 1 FROM outbox WHERE coalescing_key = $coalescingKey);";

    public const string Insert = """
        INSERT INTO outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
        VALUES ($operation, $targetId, $orderingKey, $coalescingKey, $payload, $enqueuedAt, $attempts, $nextAttemptAt, $lastError);
        """;

    /// <summary>
    /// Due messages that are the oldest of their ordering key and not leased (or whose lease expired). A leased message
    /// stays the oldest of its key until it is completed, so the next one of the key waits: order per key holds.
    /// </summary>
    public const string SelectLeasable = "SELECT " + StoreReader.OutboxMessageColumns + """
         FROM outbox AS o
        WHERE o.next_attempt_at <= $now
          AND (o.lease_owner IS NULL OR o.lease_expires_at <= $now)
          AND o.id = (SELECT MIN(i.id) FROM outbox AS i WHERE i.ordering_key = o.ordering_key)
        ORDER BY o.id
        LIMIT $maxCount;
        """;

    public const string Lease = "UPDATE outbox SET lease_owner = $owner, lease_expires_at = $leaseExpiresAt WHERE id = $id;";

    public const string Complete = "DELETE FROM outbox WHERE id = $id AND lease_owner = $owner;";

    public const string RetryLater = """
        UPDATE outbox SET lease_owner = NULL, lease_expires_at = NULL, attempts = $attempts, next_attempt_at = $nextAttemptAt, last_error = $lastError
        WHERE id = $id AND lease_owner = $owner;
        """;

    public const string MoveToDeadLetters = """
        INSERT INTO dead_letters (message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, error, status_code, failed_at)
        SELECT id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, $error, $statusCode, $failedAt
        FROM outbox WHERE id = $id AND lease_owner = $owner;
        """;

    public const string Delete = "DELETE FROM outbox WHERE id = $id;";

    public const string Statistics = """
        SELECT (SELECT COUNT(*) FROM outbox), (SELECT MIN(enqueued_at) FROM outbox), (SELECT COUNT(*) FROM dead_letters);
        """;

    public const string ListDeadLetters = """
        SELECT id, message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, error, status_code, failed_at
        FROM dead_letters ORDER BY id DESC LIMIT $maxCount;
        """;

    public const string RequeueDeadLetter = """
        INSERT INTO outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
        SELECT operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, 0, $now, NULL
        FROM dead_letters WHERE id = $id;
        """;

    public const string DeleteDeadLetter = "DELETE FROM dead_letters WHERE id = $id;";
}
