using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

/// <summary>
/// The one delivery path of the outbox, shared by <see cref="OutboxDeliveryWorker"/> (the background loop) and
/// <see cref="OutboxDrainer"/> (a drain a serverless host calls): leases a batch under this process's owner name (the
/// store makes sure one message goes to one owner, and one property's updates go one at a time in order), calls the
/// platform, then completes, retries later with backoff and jitter (honouring <c>Retry-After</c>), or dead-letters a
/// permanent refusal. Messages it does not start, or whose call is cut short, are handed back unchanged.
/// </summary>
internal sealed class OutboxDelivery(
    IConnectorStore store,
    PlatformClient client,
    TokenProtector protector,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    TimeProvider timeProvider,
    ConnctdMetrics metrics,
    ILogger<OutboxDelivery> logger)
{
    private readonly string _owner = LeaseOwner.ForThisProcess();

    /// <summary>
    /// Leases up to <paramref name="maxCount"/> due messages (at most <see cref="OutboxOptions.BatchSize"/>) for this
    /// process. Store failures are thrown to the caller.
    /// </summary>
    public async Task<LeasedBatch> LeaseAsync(int maxCount, CancellationToken cancellationToken)
    {
        OutboxOptions settings = options.CurrentValue.Outbox;
        DateTimeOffset leasedAt = timeProvider.GetUtcNow();
        IReadOnlyList<OutboxMessage> messages = await store.LeaseAsync(
            _owner, Math.Max(1, Math.Min(maxCount, settings.BatchSize)), leasedAt, settings.LeaseDuration, cancellationToken).ConfigureAwait(false);
        return new LeasedBatch(messages, new Lease(LatestStart(leasedAt, settings), leasedAt + settings.LeaseDuration, new TokenCache(store, protector)));
    }

    /// <summary>
    /// Delivers a leased batch, <see cref="OutboxOptions.MaxConcurrentDeliveries"/> at a time, and records each outcome.
    /// A message not started once <paramref name="stoppingToken"/> is cancelled, or whose call is cut short by
    /// <paramref name="drainToken"/>, is handed back unchanged. Never throws.
    /// </summary>
    public async Task<DeliveryCounts> DeliverAsync(LeasedBatch batch, CancellationToken stoppingToken, CancellationToken drainToken)
    {
        var counts = new DeliveryCounts();
        await Parallel.ForEachAsync(
            batch.Messages,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.CurrentValue.Outbox.MaxConcurrentDeliveries) },
            async (message, _) => counts.Add(await DeliverOrReleaseAsync(message, batch.Lease, stoppingToken, drainToken).ConfigureAwait(false))).ConfigureAwait(false);
        return counts;
    }

    /// <summary>Hands every message of a leased batch back unchanged (same attempts, due as before), for this or another process to lease again.</summary>
    public async Task ReleaseAsync(LeasedBatch batch)
    {
        foreach (OutboxMessage message in batch.Messages)
        {
            await ReleaseAsync(message, batch.Lease, "handed back unattempted", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hands back the leases that earlier lives of this process (on this machine, now dead — or a container restarted
    /// under the same host name and process id) still hold, so their messages are delivered at once instead of after
    /// <see cref="OutboxOptions.LeaseDuration"/>. Leases of live processes and of other machines wait for their expiry.
    /// </summary>
    public async Task ReclaimLeasesOfPreviousLivesAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (string owner in await store.ListLeaseOwnersAsync(cancellationToken).ConfigureAwait(false))
            {
                if (owner != _owner && LeaseOwner.IsPreviousLifeOnThisMachine(owner))
                {
                    int released = await store.ReleaseLeasesAsync(owner, cancellationToken).ConfigureAwait(false);
                    Log.OutboxLeasesReclaimed(logger, released, owner);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not fatal: the leases then expire as usual.
            Log.OutboxLeaseFailed(logger, exception);
        }
    }

    private async Task<DeliveryOutcome> DeliverOrReleaseAsync(OutboxMessage message, Lease lease, CancellationToken stoppingToken, CancellationToken drainToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            // Not started before shutdown: hand it back so the next start (or another replica) need not wait for the lease.
            await ReleaseAsync(message, lease, "released at shutdown", drainToken).ConfigureAwait(false);
            return DeliveryOutcome.Released;
        }

        try
        {
            // Everything the call needs is read first: the start deadline is checked right before the call goes out.
            Func<CancellationToken, Task> call = await PrepareAsync(message, lease.Tokens, drainToken).ConfigureAwait(false);
            DateTimeOffset now = timeProvider.GetUtcNow();
            if (now > lease.StartBy)
            {
                // The batch took so long that the lease could run out during this call, and another replica could then
                // deliver the message too (and the next value of its property before this one): hand it back unsent.
                await ReleaseAsync(message, lease, "lease ran short before delivery", drainToken).ConfigureAwait(false);
                return DeliveryOutcome.Released;
            }

            // A call never outlives its lease: once another replica may own the message, this one gives up waiting.
            // (StartBy is never after ExpiresAt, so the time left is not negative.)
            using var leaseEnds = new CancellationTokenSource(lease.ExpiresAt - now, timeProvider);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(drainToken, leaseEnds.Token);
            try
            {
                await call(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (leaseEnds.IsCancellationRequested && !drainToken.IsCancellationRequested)
            {
                throw new LeaseExpiredException(exception);
            }
        }
        catch (OperationCanceledException) when (drainToken.IsCancellationRequested)
        {
            await ReleaseAsync(message, lease, "cancelled at shutdown", drainToken).ConfigureAwait(false);
            return DeliveryOutcome.Released;
        }
        catch (PlatformException exception) when (!exception.IsTransient)
        {
            // The store keeps the platform's description for whoever inspects dead letters; the log shows status and code only.
            await DeadLetterAsync(
                message,
                lease,
                $"The platform refused {message.Operation}: {exception.Status} {exception.ErrorCode} {exception.Description}".TrimEnd(),
                exception.Status,
                $"{exception.Status} {exception.ErrorCode}".TrimEnd(),
                drainToken).ConfigureAwait(false);
            return DeliveryOutcome.DeadLettered;
        }
        catch (UndeliverableException exception)
        {
            await DeadLetterAsync(message, lease, exception.Message, 0, exception.Message, drainToken).ConfigureAwait(false);
            return DeliveryOutcome.DeadLettered;
        }
        catch (Exception exception)
        {
            return await RetryLaterAsync(message, lease, exception, drainToken).ConfigureAwait(false);
        }

        // Delivered: a failure to record it must not count as a failed delivery (that would send it again).
        metrics.OutboxDelivered(message.Operation, "delivered");
        await RecordAsync(message, lease, "delivered", () => store.CompleteAsync(message.Id, _owner, CancellationToken.None), drainToken).ConfigureAwait(false);
        return DeliveryOutcome.Delivered;
    }

    /// <summary>
    /// Reads what the delivery of <paramref name="message"/> needs (its payload, the token of its instance or
    /// installation) and returns the platform call, still to be made.
    /// </summary>
    private async Task<Func<CancellationToken, Task>> PrepareAsync(OutboxMessage message, TokenCache tokens, CancellationToken cancellationToken)
    {
        Func<Security.InstanceToken, CancellationToken, Task> call;
        switch (message.Operation)
        {
            case OutboxOperation.UpdatePropertyValue:
                PropertyPayload property = Read(message, OutboxJsonContext.Default.PropertyPayload);
                call = (token, ct) => client.UpdatePropertyValueAsync(token, property.ThingId, property.ComponentId, property.PropertyId, property.Value, property.LastUpdate, ct);
                break;
            case OutboxOperation.UpdateThingStatus:
                ThingStatusPayload status = Read(message, OutboxJsonContext.Default.ThingStatusPayload);
                call = (token, ct) => client.UpdateThingStatusAsync(token, status.ThingId, status.Status, ct);
                break;
            case OutboxOperation.DeleteThing:
                DeleteThingPayload deletion = Read(message, OutboxJsonContext.Default.DeleteThingPayload);
                call = (token, ct) => client.DeleteThingAsync(token, deletion.ThingId, ct);
                break;
            case OutboxOperation.UpdateActionRequest:
                ActionResultPayload action = Read(message, OutboxJsonContext.Default.ActionResultPayload);
                call = (token, ct) => client.UpdateActionRequestAsync(token, action.ActionRequestId, action.Status, action.Error, ct);
                break;
            case OutboxOperation.UpdateInstanceState:
                StatePayload instanceState = Read(message, OutboxJsonContext.Default.StatePayload);
                call = (token, ct) => client.UpdateInstanceStateAsync(token, instanceState.State, instanceState.Details, ct);
                break;
            case OutboxOperation.UpdateInstallationState:
                // The one call made with the installation's token rather than an instance's.
                StatePayload installationState = Read(message, OutboxJsonContext.Default.StatePayload);
                InstallationRecord installation = await store.GetInstallationAsync(message.TargetId, cancellationToken).ConfigureAwait(false)
                    ?? throw new UndeliverableException($"Installation {message.TargetId} was removed before its state could be reported.");
                Security.InstallationToken installationToken = protector.UnprotectInstallationToken(installation.ProtectedToken);
                return ct => client.UpdateInstallationStateAsync(installationToken, installationState.State, installationState.Details, ct);
            default:
                throw new UndeliverableException($"Unknown outbox operation {(int)message.Operation}.");
        }

        Security.InstanceToken instanceToken = await tokens.InstanceTokenAsync(message).ConfigureAwait(false);
        return ct => call(instanceToken, ct);
    }

    private static T Read<T>(OutboxMessage message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Payload, typeInfo) ?? throw new UndeliverableException($"Outbox message {message.Id} has no payload.");
        }
        catch (JsonException)
        {
            throw new UndeliverableException($"Outbox message {message.Id} has an unreadable payload.");
        }
    }

    private async Task<DeliveryOutcome> RetryLaterAsync(OutboxMessage message, Lease lease, Exception exception, CancellationToken drainToken)
    {
        OutboxOptions settings = options.CurrentValue.Outbox;
        int attempts = message.Attempts + 1;
        string reason = exception is PlatformException platform
            ? $"{platform.Status} {platform.ErrorCode}".Trim()
            : exception.GetType().Name;
        if (attempts >= settings.MaxAttempts)
        {
            string gaveUp = $"Gave up after {attempts} attempts; last: {reason}";
            await DeadLetterAsync(message, lease, gaveUp, (exception as PlatformException)?.Status ?? 0, gaveUp, drainToken).ConfigureAwait(false);
            return DeliveryOutcome.DeadLettered;
        }

        TimeSpan delay = Backoff(settings, attempts);
        if (exception is PlatformException { RetryAfter: { } retryAfter } && retryAfter > delay)
        {
            delay = retryAfter;
        }

        Log.OutboxRetry(logger, message.Operation, message.Id, attempts, reason, delay);
        metrics.OutboxDelivered(message.Operation, "retried");
        await RecordAsync(
            message, lease, "retried", () => store.RetryLaterAsync(message.Id, _owner, attempts, timeProvider.GetUtcNow() + delay, reason, CancellationToken.None), drainToken)
            .ConfigureAwait(false);
        return DeliveryOutcome.Retried;
    }

    private async Task DeadLetterAsync(OutboxMessage message, Lease lease, string error, int statusCode, string logReason, CancellationToken drainToken)
    {
        Log.OutboxDeadLettered(logger, message.Operation, message.Id, statusCode, logReason);
        metrics.OutboxDelivered(message.Operation, "dead_lettered");
        await RecordAsync(
            message, lease, "dead_lettered", () => store.DeadLetterAsync(message.Id, _owner, error, statusCode, timeProvider.GetUtcNow(), CancellationToken.None), drainToken)
            .ConfigureAwait(false);
    }

    /// <summary>Hands a leased message back unchanged (same attempts, due as before) for this or another replica to lease again.</summary>
    private Task ReleaseAsync(OutboxMessage message, Lease lease, string reason, CancellationToken drainToken) =>
        RecordAsync(
            message, lease, "released", () => store.RetryLaterAsync(message.Id, _owner, message.Attempts, message.NextAttemptAt, message.LastError ?? reason, CancellationToken.None), drainToken);

    /// <summary>
    /// Records the outcome of a leased message in the store. A store that fails for a moment (a lock held elsewhere, a
    /// database failover) is tried again with growing pauses while the lease lasts and no shutdown cuts it short; then
    /// the failure is logged and the message left to its lease, after which it is leased and attempted again. The
    /// worker itself never stops over it.
    /// </summary>
    private async Task RecordAsync(OutboxMessage message, Lease lease, string outcome, Func<Task<bool>> write, CancellationToken drainToken)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await write().ConfigureAwait(false);
                return;
            }
            catch (Exception exception)
            {
                if (drainToken.IsCancellationRequested || timeProvider.GetUtcNow() + pause >= lease.ExpiresAt)
                {
                    Log.OutboxRecordFailed(logger, exception, message.Operation, message.Id, outcome);
                    return;
                }
            }

            await DelayAsync(pause, drainToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>
    /// The latest time a message of a batch leased at <paramref name="leasedAt"/> may start its delivery: while the rest
    /// of its lease still covers the longest a platform call may take (the resilience <c>TotalTimeout</c>). A batch is
    /// delivered <see cref="OutboxOptions.MaxConcurrentDeliveries"/> at a time, so with a slow platform its last messages
    /// would otherwise start after their lease expired, when another replica may have leased them again. When the lease is
    /// configured shorter than a call, a delivery at least starts within its lease.
    /// </summary>
    private DateTimeOffset LatestStart(DateTimeOffset leasedAt, OutboxOptions settings)
    {
        TimeSpan longestCall = options.CurrentValue.Resilience.TotalTimeout;
        return leasedAt + (settings.LeaseDuration > longestCall ? settings.LeaseDuration - longestCall : settings.LeaseDuration);
    }

    private static TimeSpan Backoff(OutboxOptions settings, int attempts)
    {
        double exponential = settings.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        double capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        double jittered = capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(jittered);
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>When the messages of one batch must start their delivery by, when their lease expires, and the tokens they share.</summary>
    internal sealed record Lease(DateTimeOffset StartBy, DateTimeOffset ExpiresAt, TokenCache Tokens);

    /// <summary>
    /// The decrypted instance tokens of one batch: each instance is read and its token decrypted once per batch, not
    /// once per message (a token the platform rotated is picked up by the next batch).
    /// </summary>
    internal sealed class TokenCache(IConnectorStore store, TokenProtector protector)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<Security.InstanceToken>>> _tokens = new(StringComparer.Ordinal);

        public Task<Security.InstanceToken> InstanceTokenAsync(OutboxMessage message) =>
            _tokens.GetOrAdd(message.TargetId, id => new Lazy<Task<Security.InstanceToken>>(() => ReadAsync(id))).Value;

        private async Task<Security.InstanceToken> ReadAsync(string instanceId)
        {
            InstanceRecord instance = await store.GetInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false)
                ?? throw new UndeliverableException($"Instance {instanceId} was removed before its updates could be delivered.");
            return protector.UnprotectInstanceToken(instance.ProtectedToken);
        }
    }

    /// <summary>A call cut short because the lease of its message ran out: its outcome is unknown, so it counts as a failed attempt.</summary>
    private sealed class LeaseExpiredException(Exception inner) : Exception("The lease of the message ran out during its delivery.", inner);

    /// <summary>A message that can never be delivered (its instance is gone, its payload unreadable): dead-lettered at once.</summary>
    private sealed class UndeliverableException(string message) : Exception(message);

    /// <summary>Messages leased together (in id order), with their lease.</summary>
    internal sealed record LeasedBatch(IReadOnlyList<OutboxMessage> Messages, Lease Lease);

    /// <summary>What became of the messages of one or more batches; safe to add to from concurrent deliveries.</summary>
    internal sealed class DeliveryCounts
    {
        private int _delivered;
        private int _retried;
        private int _deadLettered;
        private int _released;

        /// <summary>Accepted by the platform and removed from the outbox.</summary>
        public int Delivered => _delivered;

        /// <summary>Failed for now: to be tried again after a backoff.</summary>
        public int Retried => _retried;

        /// <summary>Refused for good (or given up on), moved to the dead letters.</summary>
        public int DeadLettered => _deadLettered;

        /// <summary>Not started or cut short, handed back unchanged.</summary>
        public int Released => _released;

        public void Add(DeliveryOutcome outcome)
        {
            switch (outcome)
            {
                case DeliveryOutcome.Delivered:
                    Interlocked.Increment(ref _delivered);
                    break;
                case DeliveryOutcome.Retried:
                    Interlocked.Increment(ref _retried);
                    break;
                case DeliveryOutcome.DeadLettered:
                    Interlocked.Increment(ref _deadLettered);
                    break;
                default:
                    Interlocked.Increment(ref _released);
                    break;
            }
        }

        public void Add(DeliveryCounts other)
        {
            Interlocked.Add(ref _delivered, other.Delivered);
            Interlocked.Add(ref _retried, other.Retried);
            Interlocked.Add(ref _deadLettered, other.DeadLettered);
            Interlocked.Add(ref _released, other.Released);
        }
    }

    /// <summary>What became of one leased message.</summary>
    internal enum DeliveryOutcome
    {
        Delivered,
        Retried,
        DeadLettered,
        Released,
    }
}
