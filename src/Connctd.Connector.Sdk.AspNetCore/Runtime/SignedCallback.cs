using System.Security.Cryptography;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>What identifies a verified callback for the replay cache: the time it was signed and a hash of its signature.</summary>
/// <param name="SignedAt">The time of its <c>Date</c> header, to the microsecond (what both stores keep).</param>
/// <param name="SignatureHash">The SHA-256 (lower-case hex) of its decoded signature: one per signed message, as Ed25519 signatures are deterministic and NSec refuses non-canonical ones.</param>
internal readonly record struct SignedCallback(DateTimeOffset SignedAt, string SignatureHash)
{
    /// <summary>Reads a callback whose signature was verified; null when its headers do not hold what verification accepted.</summary>
    public static SignedCallback? From(IHeaderDictionary headers)
    {
        string? signatureText = headers.TryGetValue("Signature", out var values) && values.Count > 0 ? values.ToString() : null;
        Span<byte> signature = stackalloc byte[64];
        if (!SignatureVerifier.TryParseDate(headers.Date.ToString(), out DateTimeOffset signedAt) ||
            signatureText is null || !Convert.TryFromBase64String(signatureText, signature, out int length) || length != signature.Length)
        {
            return null;
        }

        long ticks = signedAt.UtcTicks;
        return new SignedCallback(
            new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero),
            Convert.ToHexStringLower(SHA256.HashData(signature)));
    }
}
