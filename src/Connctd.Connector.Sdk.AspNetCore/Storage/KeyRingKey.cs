using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>The key of <c>Connctd:KeyRing:Key</c>: Base64 of 32 bytes, and the id that names it without revealing it.</summary>
internal static class KeyRingKey
{
    public const int Length = 32;

    public static bool TryParse(string text, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var buffer = new byte[((text.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out int written) || written != Length)
        {
            return false;
        }

        key = buffer[..Length];
        return true;
    }

    /// <summary>The first 8 bytes of a hash of the key, in hex: shown in messages to tell keys apart, useless to find one.</summary>
    public static string Id(byte[] key)
    {
        byte[] hash = SHA256.HashData([.. Encoding.ASCII.GetBytes("Connctd.Connector.Sdk.KeyRing.Id:"), .. key]);
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
