using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using NSec.Cryptography;

namespace Connctd.Connector.Sdk.Signing.Internal;

/// <summary>
/// The seam between the SDK and the Ed25519 implementation (NSec, on top of libsodium). Nothing else
/// in the SDK touches NSec types, so they never appear on the public surface and the implementation
/// can be swapped without an API change.
/// </summary>
/// <remarks>
/// Verification is libsodium's <c>crypto_sign_ed25519_verify_detached</c>: it rejects S ≥ L
/// (malleability), non-canonical and small-order public keys and small-order R. NSec imports any
/// 32 bytes as a public key, so <see cref="CheckPublicKey"/> performs libsodium's key checks (and
/// the RFC 8032 point decoding) up front, so that a key no signature could ever verify against is
/// refused when it is configured, not on every request.
/// </remarks>
internal static class Ed25519
{
    /// <summary>Size of a raw Ed25519 public key.</summary>
    internal const int PublicKeySize = 32;

    /// <summary>Size of a raw Ed25519 private key (the RFC 8032 seed).</summary>
    internal const int PrivateKeySeedSize = 32;

    /// <summary>Size of an Ed25519 signature.</summary>
    internal const int SignatureSize = 64;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    // p = 2^255 - 19 and d = -121665/121666 mod p (RFC 8032, section 5.1).
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;
    private static readonly BigInteger D = (P - 121665) * BigInteger.ModPow(121666, P - 2, P) % P;

    // libsodium's ge25519_has_small_order block list: the encodings of the points of order 1, 2, 4
    // and 8 (including non-canonical ones), compared with the sign bit (bit 255) cleared.
    private static readonly byte[][] SmallOrderEncodings =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    ];

    /// <summary>Checks that <paramref name="raw"/> is a public key a signature can verify against.</summary>
    internal static PublicKeyProblem CheckPublicKey(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != PublicKeySize)
        {
            return PublicKeyProblem.WrongLength;
        }

        Span<byte> masked = stackalloc byte[PublicKeySize];
        raw.CopyTo(masked);
        masked[^1] &= 0x7F;

        foreach (var encoding in SmallOrderEncodings)
        {
            if (masked.SequenceEqual(encoding))
            {
                return PublicKeyProblem.SmallOrder;
            }
        }

        var y = new BigInteger(masked, isUnsigned: true, isBigEndian: false);
        if (y >= P)
        {
            return PublicKeyProblem.NonCanonical;
        }

        // x^2 = (y^2 - 1) / (d y^2 + 1); the point exists when that is a square mod p (Euler's criterion).
        // u = 0 means y = ±1, both on the small-order list above.
        var y2 = y * y % P;
        var u = (y2 - 1 + P) % P;
        var v = (D * y2 + 1) % P;
        var x2 = u * BigInteger.ModPow(v, P - 2, P) % P;
        return x2.IsZero || BigInteger.ModPow(x2, (P - 1) / 2, P).IsOne
            ? PublicKeyProblem.None
            : PublicKeyProblem.NotOnCurve;
    }

    /// <summary>Imports a raw public key; false when the bytes are not an importable key.</summary>
    internal static bool TryImportPublicKey(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out PublicKey? key)
    {
        if (raw.Length != PublicKeySize)
        {
            key = null;
            return false;
        }

        return PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out key);
    }

    /// <summary>Exports the raw 32 bytes of a public key.</summary>
    internal static byte[] ExportPublicKey(PublicKey key) => key.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>Verifies a detached signature; never throws for a signature of the wrong length.</summary>
    internal static bool Verify(PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        => signature.Length == SignatureSize && Algorithm.Verify(key, message, signature);

    /// <summary>Creates a new random key pair whose private key can be exported.</summary>
    internal static Key CreateKey()
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return Key.Create(Algorithm, in parameters);
    }

    /// <summary>Imports a key pair from its 32-byte private key seed.</summary>
    internal static Key ImportPrivateKeySeed(ReadOnlySpan<byte> seed)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey, in parameters);
    }

    /// <summary>Writes the 32-byte private key seed into <paramref name="destination"/>.</summary>
    internal static void ExportPrivateKeySeed(Key key, Span<byte> destination)
    {
        if (!key.TryExport(KeyBlobFormat.RawPrivateKey, destination, out var written) || written != PrivateKeySeedSize)
        {
            throw new InvalidOperationException("The private key could not be exported.");
        }
    }

    /// <summary>Signs <paramref name="message"/> into a 64-byte <paramref name="signature"/>.</summary>
    internal static void Sign(Key key, ReadOnlySpan<byte> message, Span<byte> signature)
        => Algorithm.Sign(key, message, signature);
}
