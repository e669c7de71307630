namespace Connctd.Connector.Sdk.Storage;

/// <summary>What happened to a message handed to the outbox.</summary>
public enum OutboxEnqueueResult
{
    /// <summary>Stored as a new message.</summary>
    Enqueued,

    /// <summary>Replaced the payload of a queued message with the same coalescing key.</summary>
    Coalesced,

    /// <summary>Not stored: the outbox holds its capacity already.</summary>
    Full,
}
