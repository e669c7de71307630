namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Thrown by <see cref="IConnectorPlatform"/> (and <see cref="IUpstreamApiClientFactory"/>) when an id names no
/// installation, instance or action request this connector knows: never received, or removed since.
/// </summary>
public sealed class RecordNotFoundException : ConnectorPlatformException
{
    /// <summary>Creates the exception.</summary>
    public RecordNotFoundException()
        : base("The installation, instance or action request is not known to this connector.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RecordNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RecordNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one record.</summary>
    /// <param name="recordKind">What was looked for: <c>installation</c>, <c>instance</c> or <c>action request</c>.</param>
    /// <param name="id">The id that named nothing.</param>
    public RecordNotFoundException(string recordKind, string id)
        : base($"{Capitalize(recordKind)} '{id}' is not known to this connector.")
    {
        RecordKind = recordKind;
        Id = id;
    }

    /// <summary>What was looked for: <c>installation</c>, <c>instance</c> or <c>action request</c>; null when not given.</summary>
    public string? RecordKind { get; }

    /// <summary>The id that named nothing; null when not given.</summary>
    public string? Id { get; }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
