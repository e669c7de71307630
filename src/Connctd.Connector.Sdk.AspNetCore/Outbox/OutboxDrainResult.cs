namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What one <see cref="IOutboxDrainer.DrainAsync"/> did.</summary>
/// <param name="Delivered">Messages the platform accepted; they left the outbox.</param>
/// <param name="Failed">Messages whose delivery failed for now (the platform was down, slow or answered 5xx, 408 or 429); each is retried after a backoff by a later drain or the background worker.</param>
/// <param name="DeadLettered">Messages the platform refused for good (4xx other than 408 and 429) or that ran out of attempts; they moved to the dead letters.</param>
/// <param name="Remaining">
/// The messages left in the outbox when the drain ended: failed ones waiting for their retry, those not reached
/// within the limits, those queued meanwhile, and those other processes are delivering.
/// </param>
public sealed record OutboxDrainResult(int Delivered, int Failed, int DeadLettered, long Remaining);
