using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Encrypts each Data Protection key ring element with the key of <c>Connctd:KeyRing:Key</c> (AES-256-GCM, a fresh
/// nonce per element, the key's id as associated data) before it is stored; <see cref="KeyRingXmlDecryptor"/> reads it.
/// </summary>
internal sealed class KeyRingXmlEncryptor(byte[] key) : IXmlEncryptor
{
    internal const string ElementName = "connctdKeyRingSecret";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        string keyId = KeyRingKey.Id(key);
        byte[] plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        byte[] nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(keyId));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(
            ElementName,
            new XAttribute("version", "1"),
            new XAttribute("keyId", keyId),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(ciphertext));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }

    internal static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes("Connctd.Connector.Sdk.KeyRing.v1:" + keyId);

    /// <summary>Decrypts an element written by <see cref="Encrypt"/>.</summary>
    /// <exception cref="CryptographicException">The element was not encrypted with <paramref name="key"/>, or was changed.</exception>
    internal static XElement Decrypt(XElement encryptedElement, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        string keyId = KeyRingKey.Id(key);
        string? storedId = (string?)encryptedElement.Attribute("keyId");
        if (encryptedElement.Name.LocalName != ElementName || (string?)encryptedElement.Attribute("version") != "1" ||
            encryptedElement.Attribute("nonce") is not { } nonceText || encryptedElement.Attribute("tag") is not { } tagText)
        {
            throw new CryptographicException("The key ring element is not one encrypted with Connctd:KeyRing:Key.");
        }

        if (!string.Equals(storedId, keyId, StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"The key ring element was encrypted with another Connctd:KeyRing:Key (key id {storedId}) than the one configured (key id {keyId}).");
        }

        try
        {
            byte[] nonce = Convert.FromBase64String(nonceText.Value);
            byte[] tag = Convert.FromBase64String(tagText.Value);
            byte[] ciphertext = Convert.FromBase64String(encryptedElement.Value);
            var plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(key, TagSize))
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(keyId));
            }

            XElement element = XElement.Parse(Encoding.UTF8.GetString(plaintext));
            CryptographicOperations.ZeroMemory(plaintext);
            return element;
        }
        catch (FormatException exception)
        {
            throw new CryptographicException("The key ring element encrypted with Connctd:KeyRing:Key is damaged.", exception);
        }
    }
}
