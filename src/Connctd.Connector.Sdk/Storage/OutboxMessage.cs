namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// One platform call waiting in the outbox. Messages with the same <see cref="OrderingKey"/> are delivered one at a
/// time in <see cref="Id"/> order; a new message with the same <see cref="CoalescingKey"/> as a queued, not yet leased
/// one replaces that one's payload (the older value is superseded, its place in the order kept).
/// </summary>
/// <param name="Id">Assigned by the store on enqueue (increasing); 0 before.</param>
/// <param name="Operation">The platform call.</param>
/// <param name="TargetId">The instance id (or installation id for <see cref="OutboxOperation.UpdateInstallationState"/>) whose token authorizes the call; the token is looked up at delivery.</param>
/// <param name="OrderingKey">Messages with the same key are delivered in order, one at a time (for example the property).</param>
/// <param name="CoalescingKey">Messages with the same key may supersede each other while queued; null for messages that must never be coalesced (action results).</param>
/// <param name="Payload">The call's arguments as JSON, written and read by the runtime.</param>
/// <param name="EnqueuedAt">When the first value was queued (kept when coalescing, so the age of the oldest update stays honest).</param>
/// <param name="Attempts">How many delivery attempts failed so far.</param>
/// <param name="NextAttemptAt">Not delivered before this time.</param>
/// <param name="LastError">Why the last attempt failed, or null.</param>
public sealed record OutboxMessage(
    long Id,
    OutboxOperation Operation,
    string TargetId,
    string OrderingKey,
    string? CoalescingKey,
    string Payload,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError);
