using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Encrypts new key ring elements with the key of <c>Connctd:KeyRing:Key</c> when it is set (the certificate of
/// <see cref="ConnctdConnectorBuilder.ProtectKeyRingWithCertificate"/> is Data Protection's own encryptor).
/// </summary>
internal sealed class ConfigureKeyRingProtection(KeyRingProtection protection) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        if (protection.Key is { } key && protection.Certificate is null)
        {
            options.XmlEncryptor = new KeyRingXmlEncryptor(key);
        }
    }
}
