using System.Buffers;
using System.Security.Cryptography;
using Connctd.Connector.Sdk.Signing.Internal;
using NSecKey = NSec.Cryptography.Key;

namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// Signs requests the way the connctd platform does, with a publication's Ed25519 private key: for
/// tests, fake platforms and tooling. A connector itself only verifies (<see cref="SignatureVerifier"/>).
/// </summary>
/// <remarks>
/// Ed25519 signatures are deterministic: the same key and message always give the same signature.
/// The private key lives in memory that is wiped on <see cref="Dispose"/>; <see cref="ToString"/>
/// shows only the public key.
/// </remarks>
public sealed class RequestSigner : IDisposable
{
    private const int StackMessageLimit = 1024;

    private readonly NSecKey _key;
    private bool _disposed;

    private RequestSigner(NSecKey key)
    {
        _key = key;
        PublicKey = ConnectorPublicKey.FromBytes(Ed25519.ExportPublicKey(key.PublicKey));
    }

    /// <summary>The public key that verifies this signer's signatures.</summary>
    public ConnectorPublicKey PublicKey { get; }

    /// <summary>Creates a signer with a new random key pair whose private key can be exported.</summary>
    /// <returns>The signer; dispose it when done.</returns>
    public static RequestSigner Generate() => new(Ed25519.CreateKey());

    /// <summary>Creates a signer from a 32-byte Ed25519 private key seed (RFC 8032).</summary>
    /// <param name="seed32">The 32-byte seed.</param>
    /// <returns>The signer; dispose it when done.</returns>
    /// <exception cref="ArgumentException"><paramref name="seed32"/> is not 32 bytes.</exception>
    public static RequestSigner FromPrivateKeySeed(ReadOnlySpan<byte> seed32)
    {
        if (seed32.Length != Ed25519.PrivateKeySeedSize)
        {
            throw new ArgumentException(
                $"The private key seed is {seed32.Length} bytes; an Ed25519 private key seed is {Ed25519.PrivateKeySeedSize} bytes.",
                nameof(seed32));
        }

        return new RequestSigner(Ed25519.ImportPrivateKeySeed(seed32));
    }

    /// <summary>Creates a signer from a Base64-encoded 32-byte private key seed; surrounding whitespace is ignored.</summary>
    /// <param name="seedBase64">The seed, as written by <see cref="ExportPrivateKeySeedBase64"/>.</param>
    /// <returns>The signer; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="seedBase64"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="seedBase64"/> is not Base64 or does not decode to 32 bytes (the message never repeats the value).
    /// </exception>
    public static RequestSigner FromPrivateKeySeedBase64(string seedBase64)
    {
        ArgumentNullException.ThrowIfNull(seedBase64);
        var text = seedBase64.AsSpan().Trim();
        if (!System.Buffers.Text.Base64.IsValid(text, out var decodedLength))
        {
            throw new FormatException("The Ed25519 private key seed is not valid Base64.");
        }

        if (decodedLength != Ed25519.PrivateKeySeedSize)
        {
            throw new FormatException(
                $"The Ed25519 private key seed decodes to {decodedLength} bytes; it must be {Ed25519.PrivateKeySeedSize} bytes.");
        }

        Span<byte> seed = stackalloc byte[Ed25519.PrivateKeySeedSize];
        try
        {
            if (!Convert.TryFromBase64Chars(text, seed, out var written) || written != Ed25519.PrivateKeySeedSize)
            {
                throw new FormatException("The Ed25519 private key seed is not valid Base64.");
            }

            return new RequestSigner(Ed25519.ImportPrivateKeySeed(seed));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Exports the 32-byte private key seed as Base64. Treat the result as a secret.</summary>
    /// <returns>A 44-character Base64 string that <see cref="FromPrivateKeySeedBase64"/> reads back.</returns>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public string ExportPrivateKeySeedBase64()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> seed = stackalloc byte[Ed25519.PrivateKeySeedSize];
        try
        {
            Ed25519.ExportPrivateKeySeed(_key, seed);
            return Convert.ToBase64String(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Signs a request and returns the value for its <c>Signature</c> header.</summary>
    /// <param name="method">The HTTP method, for example <c>POST</c>.</param>
    /// <param name="scheme">The scheme, normally <c>https</c>.</param>
    /// <param name="host">The host, with the port when the request will carry one.</param>
    /// <param name="requestUri">The request target: escaped path plus <c>?query</c>.</param>
    /// <param name="date">The <c>Date</c> header value, normally <see cref="HttpDate.Format"/> of the current time.</param>
    /// <param name="body">The raw body bytes.</param>
    /// <returns>The Base64 Ed25519 signature of <see cref="CanonicalMessage.Build"/>.</returns>
    /// <exception cref="ArgumentNullException">A text part is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public string Sign(string method, string scheme, string host, string requestUri, string date, ReadOnlySpan<byte> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var length = CanonicalMessage.GetByteCount(method, scheme, host, requestUri, date, body);
        byte[]? rented = null;
        var buffer = length <= StackMessageLimit
            ? stackalloc byte[StackMessageLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        var message = buffer[..length];
        try
        {
            CanonicalMessage.WriteCore(method, scheme, host, requestUri, date, body, message);
            Span<byte> signature = stackalloc byte[Ed25519.SignatureSize];
            Ed25519.Sign(_key, message, signature);
            return Convert.ToBase64String(signature);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Signs an arbitrary message.</summary>
    /// <param name="message">The bytes to sign.</param>
    /// <returns>The 64-byte Ed25519 signature.</returns>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public byte[] SignMessage(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var signature = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_key, message, signature);
        return signature;
    }

    /// <summary>Describes the signer by its public key; the private key is never shown.</summary>
    /// <returns>For example <c>Ed25519 request signer (public key 11qYAYKx…)</c>.</returns>
    public override string ToString() => $"Ed25519 request signer (public key {PublicKey})";

    /// <summary>Wipes the private key from memory. Later calls that need it throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _key.Dispose();
        }
    }
}
