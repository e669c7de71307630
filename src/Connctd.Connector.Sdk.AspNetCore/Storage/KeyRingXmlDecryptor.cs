using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Decrypts the key ring elements <see cref="KeyRingXmlEncryptor"/> wrote, with the key of <c>Connctd:KeyRing:Key</c>.
/// Data Protection creates it by its type name (stored with each element) through its constructor taking the
/// service provider.
/// </summary>
internal sealed class KeyRingXmlDecryptor : IXmlDecryptor
{
    private readonly KeyRingProtection _protection;

    public KeyRingXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _protection = services.GetRequiredService<KeyRingProtection>();
    }

    public XElement Decrypt(XElement encryptedElement) =>
        KeyRingXmlEncryptor.Decrypt(
            encryptedElement,
            _protection.Key ?? throw new InvalidOperationException(KeyRingProtection.MissingKeyMessage));
}
