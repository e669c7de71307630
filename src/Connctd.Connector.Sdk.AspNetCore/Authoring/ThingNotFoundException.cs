namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Thrown when a <see cref="ThingReference"/> names no thing of this connector.</summary>
public sealed class ThingNotFoundException : ConnectorPlatformException
{
    /// <summary>Creates the exception.</summary>
    public ThingNotFoundException()
        : base("The thing is not known to this connector.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ThingNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ThingNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a reference.</summary>
    /// <param name="thing">The reference that named no thing.</param>
    public ThingNotFoundException(ThingReference thing)
        : base($"No {thing} is known to this connector.")
    {
        Thing = thing;
    }

    /// <summary>The reference that named no thing.</summary>
    public ThingReference? Thing { get; }
}
