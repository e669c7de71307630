namespace Connctd.Connector.Sdk.Storage;

/// <summary>The size of the outbox, for metrics and health checks.</summary>
/// <param name="Depth">Messages waiting or in delivery.</param>
/// <param name="OldestEnqueuedAt">When the oldest waiting message was queued; null when the outbox is empty.</param>
/// <param name="DeadLetters">Messages in the dead-letter table.</param>
public sealed record OutboxStatistics(long Depth, DateTimeOffset? OldestEnqueuedAt, long DeadLetters);
