using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Which protection of the key ring the application configured: the key of <c>Connctd:KeyRing:Key</c>, the
/// certificate of <see cref="ConnctdConnectorBuilder.ProtectKeyRingWithCertificate"/>, or none.
/// </summary>
internal sealed class KeyRingProtection
{
    internal const string DoesNotStart =
        " The connector does not start, so that it never creates new keys that could not read the stored tokens and secret configuration values; nothing in the store was changed.";

    internal const string MissingKeyMessage =
        "The Data Protection key ring in the store is encrypted with a key ring key, but Connctd:KeyRing:Key is not set. " +
        "Set Connctd:KeyRing:Key (environment variable Connctd__KeyRing__Key) to the key the key ring was written with." + DoesNotStart;

    public KeyRingProtection(IOptions<ConnctdConnectorOptions> options, IEnumerable<KeyRingCertificate> certificates)
    {
        string? text = options.Value.KeyRing?.Key;
        if (!string.IsNullOrWhiteSpace(text) && KeyRingKey.TryParse(text, out byte[]? key))
        {
            Key = key;
            KeyId = KeyRingKey.Id(key);
        }

        Certificate = certificates.LastOrDefault();
    }

    /// <summary>The key of <c>Connctd:KeyRing:Key</c>; null when none is set.</summary>
    public byte[]? Key { get; }

    /// <summary>The id of <see cref="Key"/> (see <see cref="KeyRingKey.Id"/>).</summary>
    public string? KeyId { get; }

    /// <summary>The certificate; null when none was given.</summary>
    public KeyRingCertificate? Certificate { get; }
}
