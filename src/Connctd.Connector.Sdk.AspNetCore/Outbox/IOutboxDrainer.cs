namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Delivers the outbox now, in the caller's time, for hosts where no background worker runs between invocations
/// (Azure Functions, a job scheduler): call it right after a callback so the platform gets that callback's updates
/// before the function returns, and from a timer so what failed while the platform was down is delivered later.
/// Registered by <c>AddConnctdConnector</c>. It shares the delivery path of the background worker (leases, ordering
/// per property, retries with backoff, dead letters), so both may run at once, in one process or several, and no
/// message is delivered twice by them.
/// </summary>
public interface IOutboxDrainer
{
    /// <summary>
    /// Delivers due messages until none is due, or <see cref="OutboxDrainOptions.TimeLimit"/> or
    /// <see cref="OutboxDrainOptions.MaxMessages"/> is reached. Each message is attempted at most once per drain: one
    /// whose delivery fails is scheduled for a retry with backoff (as the background worker would), to be attempted by
    /// a later drain. A call still running at the time limit is cut short and its message handed back unchanged.
    /// </summary>
    /// <param name="options">The limits of this drain; the defaults of <see cref="OutboxDrainOptions"/> when null.</param>
    /// <param name="cancellationToken">Cancels the drain: calls in progress are cut short and their messages handed back unchanged.</param>
    /// <returns>What the drain did and how many messages remain in the outbox.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// A failure of the store itself (the database cannot be reached) is thrown; what was delivered before it stays
    /// delivered, and what was leased is leased again after <see cref="OutboxOptions.LeaseDuration"/>. A failure of the
    /// platform is never thrown: it counts in <see cref="OutboxDrainResult.Failed"/> or
    /// <see cref="OutboxDrainResult.DeadLettered"/>.
    /// </remarks>
    Task<OutboxDrainResult> DrainAsync(OutboxDrainOptions? options = null, CancellationToken cancellationToken = default);
}
