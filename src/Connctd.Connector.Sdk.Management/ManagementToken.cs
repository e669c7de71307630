using Connctd.Connector.Sdk.Security;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// A developer or service token for the management API. It is a secret: <see cref="object.ToString"/> never shows
/// it; <see cref="SecretToken.Reveal"/> gives the raw value for the <c>Authorization</c> header.
/// </summary>
public sealed class ManagementToken : SecretToken
{
    /// <summary>Wraps a raw token.</summary>
    /// <param name="value">The raw token; not empty.</param>
    /// <param name="expiresAt">When it expires, when known.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or whitespace.</exception>
    public ManagementToken(string value, DateTimeOffset? expiresAt = null)
        : base(value)
    {
        ExpiresAt = expiresAt;
    }

    /// <summary>When the token expires, when known.</summary>
    public DateTimeOffset? ExpiresAt { get; }
}
