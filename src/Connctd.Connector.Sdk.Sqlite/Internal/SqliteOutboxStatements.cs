using Connctd.Connector.Sdk.Storage.Relational;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// The statements of the outbox. Every write runs in the writer's <c>BEGIN IMMEDIATE</c> transaction, so SQLite's
/// single writer makes each operation atomic without locks of its own.
/// </summary>
/// <remarks>
/// A <c>LIMIT</c> takes its parameter as <c>+$name</c>: SQLite plans a <c>LIMIT</c> of a bare parameter with its bound
/// value and therefore compiles the statement again each time a value is bound, which for the enqueue and the lease
/// was a full parse and plan on every call. The unary plus keeps the limit a run-time value.
/// </remarks>
internal static class SqliteOutboxStatements
{
    /// <summary>The newest message with the key takes the new payload, if nobody is delivering it; returns its id.</summary>
    public const string Coalesce = """
        UPDATE outbox SET payload = $payload
        WHERE id = (SELECT MAX(id) FROM outbox WHERE coalescing_key = $coalescingKey)
          AND lease_owner IS NULL
        RETURNING id;
        """;

    /// <summary>
    /// Inserts a message unless the outbox holds <c>$capacity</c> messages (a message whose coalescing key is queued
    /// already is always inserted). Ids only grow, so <c>MAX(id) - MIN(id) + 1</c> — two probes of the rowid tree —
    /// bounds the number of messages from above; only when that bound reaches the capacity are they counted (and the
    /// count stops at the capacity). A plain COUNT(*) read every row: with 10^5 messages queued during an outage it
    /// made each enqueue about ten times slower, exactly when updates pile up. Returns the new id.
    /// </summary>
    public const string Insert = """
        INSERT INTO outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
        SELECT $operation, $targetId, $orderingKey, $coalescingKey, $payload, $enqueuedAt, $attempts, $nextAttemptAt, $lastError
        WHERE COALESCE((SELECT MAX(id) FROM outbox) - (SELECT MIN(id) FROM outbox) + 1, 0) < $capacity
           OR (SELECT COUNT(*) FROM (SELECT 1 FROM outbox LIMIT +$capacity)) < $capacity
           OR EXISTS (SELECT 1 FROM outbox WHERE coalescing_key = $coalescingKey)
        RETURNING id;
        """;

    /// <summary>
    /// Leases due messages that are the oldest of their ordering key and not leased (or whose lease expired). A leased
    /// message stays the oldest of its key until it is completed, so the next one of the key waits: order per key holds.
    /// </summary>
    public const string Lease = """
        UPDATE outbox SET lease_owner = $owner, lease_expires_at = $leaseExpiresAt
        WHERE id IN (
            SELECT o.id FROM outbox AS o
            WHERE o.next_attempt_at <= $now
              AND (o.lease_owner IS NULL OR o.lease_expires_at <= $now)
              AND o.id = (SELECT MIN(i.id) FROM outbox AS i WHERE i.ordering_key = o.ordering_key)
            ORDER BY o.id
            LIMIT +$maxCount)
        RETURNING
        """ + " " + RelationalColumns.OutboxMessage + ";";

    public const string Complete = "DELETE FROM outbox WHERE id = $id AND lease_owner = $owner;";

    public const string RetryLater = """
        UPDATE outbox SET lease_owner = NULL, lease_expires_at = NULL, attempts = $attempts, next_attempt_at = $nextAttemptAt, last_error = $lastError
        WHERE id = $id AND lease_owner = $owner;
        """;

    /// <summary>Two statements: the copy counts the refused attempt and takes the error as its last error; the delete removes the message only if the copy was made (same condition).</summary>
    public const string MoveToDeadLetters = """
        INSERT INTO dead_letters (message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error, error, status_code, failed_at)
        SELECT id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts + 1, next_attempt_at, $error, $error, $statusCode, $failedAt
        FROM outbox WHERE id = $id AND lease_owner = $owner;
        DELETE FROM outbox WHERE id = $id AND lease_owner = $owner;
        """;

    public const string ListLeaseOwners = "SELECT DISTINCT lease_owner FROM outbox WHERE lease_owner IS NOT NULL ORDER BY lease_owner;";

    public const string ReleaseLeases = "UPDATE outbox SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $owner;";

    public const string Statistics = """
        SELECT (SELECT COUNT(*) FROM outbox), (SELECT MIN(enqueued_at) FROM outbox), (SELECT COUNT(*) FROM dead_letters);
        """;

    /// <summary>A dead letter of schema version 2 keeps no next attempt time and no last error: its failure time and error stand in for them.</summary>
    public const string ListDeadLetters = """
        SELECT id, message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts,
               COALESCE(next_attempt_at, failed_at), COALESCE(last_error, error), error, status_code, failed_at
        FROM dead_letters ORDER BY id DESC LIMIT +$maxCount;
        """;

    public const string SelectDeadLetterKey = "SELECT coalescing_key FROM dead_letters WHERE id = $id;";

    /// <summary>Two statements: queue the message again unless a message with its coalescing key is queued (that one is newer), then delete the dead letter.</summary>
    public const string RequeueDeadLetter = """
        INSERT INTO outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
        SELECT d.operation, d.target_id, d.ordering_key, d.coalescing_key, d.payload, d.enqueued_at, 0, $now, NULL
        FROM dead_letters AS d
        WHERE d.id = $id
          AND (d.coalescing_key IS NULL OR NOT EXISTS (SELECT 1 FROM outbox AS q WHERE q.coalescing_key = d.coalescing_key));
        DELETE FROM dead_letters WHERE id = $id;
        """;

    public const string DeleteDeadLetter = "DELETE FROM dead_letters WHERE id = $id;";
}
