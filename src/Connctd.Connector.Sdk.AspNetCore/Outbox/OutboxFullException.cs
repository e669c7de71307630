namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Thrown by <see cref="IConnectorPlatform"/> when the outbox already holds <see cref="OutboxOptions.Capacity"/>
/// messages, typically after a long platform outage. Nothing was queued; the caller decides whether to drop the value
/// or try later. Values of properties (and thing statuses) already queued are still accepted: they replace the queued
/// value, or are queued behind it while it is being delivered.
/// </summary>
public sealed class OutboxFullException : ConnectorPlatformException
{
    /// <summary>Creates the exception.</summary>
    public OutboxFullException()
        : base("The outbox is full; the update was not queued.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public OutboxFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OutboxFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
