using System.Buffers;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using Connctd.Connector.Sdk.Signing.Internal;

namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// Checks that a callback request was signed by the platform with the private key of one of the
/// configured publication keys, and that its <c>Date</c> is recent. A pure function of the request, the
/// keys and the clock: usable without ASP.NET Core (queues, functions, tools).
/// </summary>
/// <remarks>
/// <para>
/// Instances are immutable and thread-safe. Several keys are accepted so a publication key can be
/// rotated: configure the old and the new key, then drop the old one. The keys are fixed at
/// construction; to pick up changed configuration, create a new verifier (it is cheap).
/// </para>
/// <para>
/// <see cref="Verify"/> fails closed and never throws for anything a client can send. It builds the
/// signed message in a stack or pooled buffer; apart from the request itself it allocates (almost) nothing.
/// </para>
/// </remarks>
public sealed class SignatureVerifier
{
    // Messages up to this size are built on the stack, larger ones in a pooled array.
    private const int StackMessageLimit = 1024;

    // A Base64 Ed25519 signature is 88 characters; anything much longer is refused without decoding it.
    private const int MaxSignatureLength = 256;

    private readonly ConnectorPublicKey[] _keys;
    private readonly TimeSpan _allowedClockSkew;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier for the given publication keys.</summary>
    /// <param name="keys">The public keys to accept; at least one.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Read once, here.</param>
    /// <param name="timeProvider">The clock the <c>Date</c> is checked against; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty or contains <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SignatureVerifierOptions.AllowedClockSkew"/> is negative.</exception>
    public SignatureVerifier(
        IEnumerable<ConnectorPublicKey> keys,
        SignatureVerifierOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys];
        if (_keys.Length == 0)
        {
            throw new ArgumentException(
                "At least one Ed25519 public key is required: configure the public key shown when the connector was published.",
                nameof(keys));
        }

        if (Array.IndexOf(_keys, null) >= 0)
        {
            throw new ArgumentException("The list of public keys contains null.", nameof(keys));
        }

        _allowedClockSkew = (options ?? new SignatureVerifierOptions()).AllowedClockSkew;
        if (_allowedClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                _allowedClockSkew,
                "AllowedClockSkew must not be negative; use a window such as 00:05:00.");
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        Keys = new ReadOnlyCollection<ConnectorPublicKey>(_keys);
    }

    /// <summary>The public keys this verifier accepts, in the order given.</summary>
    public IReadOnlyList<ConnectorPublicKey> Keys { get; }

    /// <summary>
    /// Reads a <c>Date</c> header as <see cref="Verify(in SignatureInput)"/> does: an HTTP-date, or an RFC 3339
    /// timestamp with an explicit offset.
    /// </summary>
    /// <param name="value">The header's value.</param>
    /// <param name="signedAt">The time it names, when it could be read.</param>
    /// <returns>True when <paramref name="value"/> is a date the verifier accepts the form of.</returns>
    public static bool TryParseDate(string? value, out DateTimeOffset signedAt) => SignedDate.TryParse(value, out signedAt);

    /// <summary>
    /// Verifies a request. The checks run in this order and the first that fails is reported:
    /// signature present, <c>Date</c> present, <c>Date</c> an HTTP-date, <c>Date</c> within the allowed
    /// clock skew, signature 64 bytes of Base64, signature valid under one of <see cref="Keys"/>.
    /// </summary>
    /// <param name="input">The request as received.</param>
    /// <returns><see cref="SignatureVerificationResult.Valid"/>, or why the request must be refused.</returns>
    public SignatureVerificationResult Verify(in SignatureInput input)
    {
        var signatureText = input.Signature;
        if (string.IsNullOrWhiteSpace(signatureText))
        {
            return SignatureVerificationResult.MissingSignature;
        }

        var date = input.Date;
        if (string.IsNullOrWhiteSpace(date))
        {
            return SignatureVerificationResult.MissingDate;
        }

        if (!SignedDate.TryParse(date, out var signedAt))
        {
            return SignatureVerificationResult.MalformedDate;
        }

        // The difference of two DateTimeOffsets always fits in a TimeSpan, so Duration() cannot overflow.
        if ((signedAt - _timeProvider.GetUtcNow()).Duration() > _allowedClockSkew)
        {
            return SignatureVerificationResult.StaleDate;
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureSize];
        if (signatureText.Length > MaxSignatureLength
            || !Convert.TryFromBase64String(signatureText, signature, out var signatureLength)
            || signatureLength != Ed25519.SignatureSize)
        {
            return SignatureVerificationResult.MalformedSignature;
        }

        var method = input.Method ?? string.Empty;
        var scheme = input.Scheme ?? string.Empty;
        var host = input.Host ?? string.Empty;
        var requestUri = input.RequestUri ?? string.Empty;
        var body = input.Body.Span;
        if (!CanonicalMessage.TryGetByteCount(method, scheme, host, requestUri, date, body.Length, out var length))
        {
            // Too large to be a message the platform could have signed.
            return SignatureVerificationResult.Mismatch;
        }

        byte[]? rented = null;
        var buffer = length <= StackMessageLimit
            ? stackalloc byte[StackMessageLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        var message = buffer[..length];
        try
        {
            CanonicalMessage.WriteCore(method, scheme, host, requestUri, date, body, message);
            foreach (var key in _keys)
            {
                if (Ed25519.Verify(key.Key, message, signature))
                {
                    return SignatureVerificationResult.Valid;
                }
            }

            return SignatureVerificationResult.Mismatch;
        }
        finally
        {
            // The body may carry tokens: do not leave a copy behind in shared memory.
            CryptographicOperations.ZeroMemory(message);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
