using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

/// <summary>
/// <see cref="IOutboxDrainer"/> over <see cref="OutboxDelivery"/>, the delivery path the background worker uses too:
/// leases batches of due messages and delivers them until none is due or a limit is reached. A message leased a second
/// time in one drain (it failed and its backoff already passed) is handed back unchanged and ends the drain, so a
/// drain never spins on a platform that is down.
/// </summary>
internal sealed class OutboxDrainer(
    OutboxDelivery delivery,
    IConnectorStore store,
    TimeProvider timeProvider,
    ILogger<OutboxDrainer> logger) : IOutboxDrainer
{
    private int _reclaimed;

    public async Task<OutboxDrainResult> DrainAsync(OutboxDrainOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OutboxDrainOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TimeLimit, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessages, 1, nameof(options));

        // A host whose worker process was recycled: what its earlier life held is delivered now, not after the lease.
        if (Interlocked.Exchange(ref _reclaimed, 1) == 0)
        {
            await delivery.ReclaimLeasesOfPreviousLivesAsync(cancellationToken).ConfigureAwait(false);
        }

        // A limit beyond what a timer can hold (about 24 days) is no limit.
        TimeSpan limit = options.TimeLimit.TotalMilliseconds >= int.MaxValue ? Timeout.InfiniteTimeSpan : options.TimeLimit;
        using var timeLimit = new CancellationTokenSource(limit, timeProvider);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
        var counts = new OutboxDelivery.DeliveryCounts();
        var attempted = new HashSet<long>();
        string reason;
        while (true)
        {
            if (drain.IsCancellationRequested)
            {
                reason = "time limit";
                break;
            }

            int left = options.MaxMessages - attempted.Count;
            if (left <= 0)
            {
                reason = "message limit";
                break;
            }

            // Not cut short by the time limit: a lease the store took but the drain gave up waiting for would hide its
            // messages until the lease expired.
            OutboxDelivery.LeasedBatch batch = await delivery.LeaseAsync(left, cancellationToken).ConfigureAwait(false);

            if (batch.Messages.Count == 0)
            {
                reason = "nothing due";
                break;
            }

            OutboxDelivery.LeasedBatch again = batch with { Messages = batch.Messages.Where(message => attempted.Contains(message.Id)).ToList() };
            OutboxDelivery.LeasedBatch fresh = batch with { Messages = batch.Messages.Where(message => !attempted.Contains(message.Id)).ToList() };
            await delivery.ReleaseAsync(again).ConfigureAwait(false);
            if (fresh.Messages.Count == 0)
            {
                reason = "only messages that failed in this drain are due";
                break;
            }

            attempted.UnionWith(fresh.Messages.Select(message => message.Id));
            counts.Add(await delivery.DeliverAsync(fresh, drain.Token, drain.Token).ConfigureAwait(false));
        }

        cancellationToken.ThrowIfCancellationRequested();
        long remaining = (await store.GetOutboxStatisticsAsync(cancellationToken).ConfigureAwait(false)).Depth;
        Log.OutboxDrained(logger, reason, counts.Delivered, counts.Retried, counts.DeadLettered, remaining);
        return new OutboxDrainResult(counts.Delivered, counts.Retried, counts.DeadLettered, remaining);
    }
}
