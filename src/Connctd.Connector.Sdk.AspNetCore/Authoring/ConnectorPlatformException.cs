namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The failures of <see cref="IConnectorPlatform"/>: the one type to catch around its calls. Its calls queue durably
/// and never fail because the platform is down or refuses; what they can refuse is known at once —
/// <see cref="ThingNotFoundException"/> (the thing is not this connector's), <see cref="RecordNotFoundException"/> (no
/// such installation, instance or action request) and <see cref="OutboxFullException"/> (nothing was queued).
/// Invalid arguments throw <see cref="ArgumentException"/>, and cancellation <see cref="OperationCanceledException"/>,
/// as everywhere in .NET.
/// </summary>
public abstract class ConnectorPlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ConnectorPlatformException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    protected ConnectorPlatformException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected ConnectorPlatformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
