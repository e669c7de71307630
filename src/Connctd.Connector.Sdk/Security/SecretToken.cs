namespace Connctd.Connector.Sdk.Security;

/// <summary>
/// A token the platform hands to the connector. It is a secret: <see cref="ToString"/> never shows it,
/// so it cannot leak into logs, exception messages or debugger displays by accident. Call
/// <see cref="Reveal"/> only where the raw value must leave the process (the <c>Authorization</c> header).
/// </summary>
[System.Diagnostics.DebuggerDisplay("{ToString(),nq}")]
public abstract class SecretToken : IEquatable<SecretToken>
{
    private readonly string _value;

    /// <summary>Wraps a raw token.</summary>
    /// <param name="value">The raw token; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or whitespace.</exception>
    protected SecretToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Returns the raw token. Never log or display the result.</summary>
    /// <returns>The raw token.</returns>
    public string Reveal() => _value;

    /// <summary>Returns the token's kind and a mask, never the token itself.</summary>
    /// <returns>For example <c>InstanceToken(***)</c>.</returns>
    public override string ToString() => $"{GetType().Name}(***)";

    /// <inheritdoc />
    public bool Equals(SecretToken? other) =>
        other is not null && other.GetType() == GetType() &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(_value), System.Text.Encoding.UTF8.GetBytes(other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SecretToken);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
