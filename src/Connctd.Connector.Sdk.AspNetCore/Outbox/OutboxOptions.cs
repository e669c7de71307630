namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// How the durable outbox delivers platform calls (configuration section <c>Connctd:Outbox</c>). Every property
/// value, thing status, action result, state report and thing deletion is stored first and delivered by a
/// background worker on every replica, or, with <see cref="BackgroundDelivery"/> off, by <see cref="IOutboxDrainer"/>
/// when the host calls it.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// The most messages the outbox holds (100,000 by default). When it is full, the SDK call that would add one throws
    /// <see cref="OutboxFullException"/>. A new value of a property that is already queued is still accepted: it replaces
    /// the queued value, or, while that one is being delivered, is queued behind it (so the outbox may exceed the bound by
    /// at most the number of messages in delivery). Memory stays bounded: messages live in the store, the worker only
    /// holds one batch.
    /// </summary>
    public long Capacity { get; set; } = 100_000;

    /// <summary>How many messages the worker leases at once (50 by default).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How many messages of a batch are delivered at the same time (8 by default); one property's updates never overlap.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>How long the worker waits for new messages when the outbox is empty (1 s by default; new messages wake it at once in this process).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica may hold a message before another replica may deliver it (2 minutes; must exceed the platform call's total timeout).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first delay before a failed delivery is tried again (1 s); it doubles per attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts (5 minutes). A <c>Retry-After</c> from the platform is honoured when longer.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many failed attempts a message is moved to the dead letters (500 by default, days of outage at the maximum delay).</summary>
    public int MaxAttempts { get; set; } = 500;

    /// <summary>On shutdown, how long deliveries in progress may take to finish (10 s); what is left stays queued for the next start.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether a background worker in this process delivers the outbox (<see langword="true"/> by default; read at
    /// start). Turn it off on a host where no background work runs between invocations — Azure Functions on a plan
    /// that freezes idle workers, say: then messages are delivered only by <see cref="IOutboxDrainer.DrainAsync"/>, for
    /// example right after a callback and from a timer-triggered function.
    /// </summary>
    public bool BackgroundDelivery { get; set; } = true;
}
