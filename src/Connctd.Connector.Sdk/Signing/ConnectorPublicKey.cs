using System.Diagnostics.CodeAnalysis;
using System.Buffers.Text;
using Connctd.Connector.Sdk.Signing.Internal;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// The Ed25519 public key of a connector publication: the platform signs every callback with the
/// matching private key. It is shown once, Base64-encoded (32 raw bytes), when the connector is published.
/// </summary>
/// <remarks>
/// Public keys are not secret, so <see cref="ToString"/> shows the Base64 form. Two instances are equal
/// when their bytes are equal. A key is refused when it is not 32 bytes, or when no signature could ever
/// verify against it (a small-order point, a non-canonical encoding or no point of the curve), so a
/// mistyped key fails at start-up rather than on every request.
/// </remarks>
public sealed class ConnectorPublicKey : IEquatable<ConnectorPublicKey>
{
    private readonly byte[] _bytes;

    private ConnectorPublicKey(byte[] bytes, NSecPublicKey key)
    {
        _bytes = bytes;
        Key = key;
    }

    /// <summary>The imported key, for <see cref="Ed25519"/>.</summary>
    internal NSecPublicKey Key { get; }

    /// <summary>Parses a Base64-encoded Ed25519 public key (32 bytes); surrounding whitespace is ignored.</summary>
    /// <param name="base64">The key as shown when the connector was published.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="base64"/> is empty, is not Base64, does not decode to 32 bytes, or is not a usable
    /// Ed25519 public key; the message says which.
    /// </exception>
    public static ConnectorPublicKey Parse(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return TryParse(base64, out var key, out var error) ? key : throw new FormatException(error);
    }

    /// <summary>Tries to parse a Base64-encoded Ed25519 public key (32 bytes); surrounding whitespace is ignored.</summary>
    /// <param name="base64">The key as shown when the connector was published.</param>
    /// <param name="key">The key, when parsing succeeded.</param>
    /// <param name="error">When parsing failed, what is wrong and how to fix it; it never repeats the input.</param>
    /// <returns><see langword="true"/> when <paramref name="base64"/> is a usable public key.</returns>
    public static bool TryParse(
        string? base64,
        [NotNullWhen(true)] out ConnectorPublicKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        var text = base64.AsSpan().Trim();
        if (text.IsEmpty)
        {
            error = "The Ed25519 public key is empty; set it to the Base64 public key shown when the connector was published.";
            return false;
        }

        if (!Base64.IsValid(text, out var decodedLength))
        {
            error = "The Ed25519 public key is not valid Base64; copy the public key exactly as shown when the connector was published.";
            return false;
        }

        if (decodedLength != Ed25519.PublicKeySize)
        {
            error = LengthError(decodedLength);
            return false;
        }

        Span<byte> raw = stackalloc byte[Ed25519.PublicKeySize];
        if (!Convert.TryFromBase64Chars(text, raw, out var written) || written != Ed25519.PublicKeySize)
        {
            error = "The Ed25519 public key is not valid Base64; copy the public key exactly as shown when the connector was published.";
            return false;
        }

        return TryCreate(raw, out key, out error);
    }

    /// <summary>Creates a key from its raw 32 bytes.</summary>
    /// <param name="raw">The raw public key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException"><paramref name="raw"/> is not 32 bytes or is not a usable Ed25519 public key.</exception>
    public static ConnectorPublicKey FromBytes(ReadOnlySpan<byte> raw)
        => TryCreate(raw, out var key, out var error) ? key : throw new ArgumentException(error, nameof(raw));

    /// <summary>Gets the key's raw 32 bytes encoded as Base64, the form the platform shows.</summary>
    /// <returns>A 44-character Base64 string.</returns>
    public string ToBase64() => Convert.ToBase64String(_bytes);

    /// <summary>Gets the key as Base64 (public keys are not secret).</summary>
    /// <returns>The same as <see cref="ToBase64"/>.</returns>
    public override string ToString() => ToBase64();

    /// <summary>Compares the raw key bytes.</summary>
    /// <param name="other">The key to compare with.</param>
    /// <returns><see langword="true"/> when both keys have the same bytes.</returns>
    public bool Equals(ConnectorPublicKey? other)
        => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConnectorPublicKey);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Compares two keys by their bytes.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or have the same bytes.</returns>
    public static bool operator ==(ConnectorPublicKey? left, ConnectorPublicKey? right)
        => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two keys by their bytes.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> when the keys differ.</returns>
    public static bool operator !=(ConnectorPublicKey? left, ConnectorPublicKey? right) => !(left == right);

    private static bool TryCreate(
        ReadOnlySpan<byte> raw,
        [NotNullWhen(true)] out ConnectorPublicKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = Ed25519.CheckPublicKey(raw) switch
        {
            PublicKeyProblem.None => null,
            PublicKeyProblem.WrongLength => LengthError(raw.Length),
            PublicKeyProblem.SmallOrder =>
                "The Ed25519 public key is a small-order point (such as all zeros), which no signature can verify against; use the public key shown when the connector was published.",
            PublicKeyProblem.NonCanonical =>
                "The Ed25519 public key is not canonically encoded, so no signature can verify against it; use the public key shown when the connector was published.",
            _ =>
                "The 32 bytes are not an Ed25519 public key (no point of the curve has this encoding); check that the whole key was copied correctly.",
        };
        if (error is not null)
        {
            return false;
        }

        if (!Ed25519.TryImportPublicKey(raw, out var imported))
        {
            error = "The 32 bytes could not be imported as an Ed25519 public key; check that the whole key was copied correctly.";
            return false;
        }

        key = new ConnectorPublicKey(raw.ToArray(), imported);
        return true;
    }

    private static string LengthError(int length)
        => length == 64
            ? "The Ed25519 public key decodes to 64 bytes; an Ed25519 public key is 32 bytes. 64 bytes looks like a private key: use the publication's public key, and keep the private key secret."
            : $"The Ed25519 public key decodes to {length} bytes; an Ed25519 public key is 32 bytes (44 Base64 characters). Check that the whole key was copied.";
}
