namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// The durable outbox of platform calls, kept in the connector's store so that nothing handed to the SDK is lost when
/// the platform is down or the process restarts. Several processes may deliver from one outbox: a message is leased
/// by one owner at a time, and a lease that is not completed in time (the owner died) expires.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Queues a message. When <see cref="OutboxMessage.CoalescingKey"/> is set and a message with the same key is
    /// queued and not leased, that message's payload is replaced instead (keeping its id and enqueue time). Atomic.
    /// </summary>
    /// <param name="message">The message; its id is ignored.</param>
    /// <param name="capacity">The largest number of messages the outbox may hold; a coalesced message never counts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether it was stored, coalesced, or refused because the outbox is full.</returns>
    Task<OutboxEnqueueResult> EnqueueAsync(OutboxMessage message, long capacity, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxCount"/> messages that are due (<see cref="OutboxMessage.NextAttemptAt"/> reached)
    /// and not leased (or whose lease expired), taking for each ordering key only its oldest message, and only when no
    /// message with that key is leased by anyone. Leased messages are hidden from other callers until
    /// <paramref name="now"/> + <paramref name="leaseDuration"/>. Safe against concurrent callers in several processes.
    /// </summary>
    /// <param name="owner">Identifies the caller (a replica).</param>
    /// <param name="maxCount">The most messages to lease.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseDuration">How long the lease lasts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The leased messages in id order.</returns>
    Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Removes a delivered message, if <paramref name="owner"/> still holds its lease.</summary>
    /// <param name="id">The message id.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the message is gone or leased by someone else.</returns>
    Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken);

    /// <summary>Releases a message whose delivery failed transiently, to be tried again at <paramref name="nextAttemptAt"/>.</summary>
    /// <param name="id">The message id.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="attempts">The number of failed attempts so far.</param>
    /// <param name="nextAttemptAt">When to try again.</param>
    /// <param name="lastError">Why it failed (no secrets).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the message is gone or leased by someone else.</returns>
    Task<bool> RetryLaterAsync(long id, string owner, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken);

    /// <summary>Moves a message the platform refused permanently to the dead-letter table, atomically.</summary>
    /// <param name="id">The message id.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="errorMessage">Why it failed (no secrets).</param>
    /// <param name="statusCode">The HTTP status, or 0.</param>
    /// <param name="failedAt">The time of the failure.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the message is gone or leased by someone else.</returns>
    Task<bool> DeadLetterAsync(long id, string owner, string errorMessage, int statusCode, DateTimeOffset failedAt, CancellationToken cancellationToken);

    /// <summary>Returns the owners that hold leases on messages now (expired or not).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The distinct owners.</returns>
    Task<IReadOnlyList<string>> ListLeaseOwnersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Hands back every message <paramref name="owner"/> holds, unchanged (same attempts, due as before), so it can be
    /// leased again at once: for a restarted process reclaiming what its previous life held.
    /// </summary>
    /// <param name="owner">The lease owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were handed back.</returns>
    Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Returns the size of the outbox and the dead-letter table.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The statistics.</returns>
    Task<OutboxStatistics> GetOutboxStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Returns dead letters, newest first.</summary>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letters.</returns>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Puts a dead letter back into the outbox (attempts reset, due now) and removes it from the dead-letter table.</summary>
    /// <param name="id">The dead letter's id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if there is no such dead letter.</returns>
    Task<bool> RequeueDeadLetterAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a dead letter.</summary>
    /// <param name="id">The dead letter's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if there is no such dead letter.</returns>
    Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken);
}
