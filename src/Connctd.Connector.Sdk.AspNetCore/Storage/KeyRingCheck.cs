using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Before anything reads or writes the key ring kept in the store, checks that the configured protection
/// (<c>Connctd:KeyRing:Key</c>, <see cref="ConnctdConnectorBuilder.ProtectKeyRingWithCertificate"/>, or none) can
/// decrypt every stored key. When it cannot, the start fails with a message that names what is missing, and
/// <see cref="StoreXmlRepository"/> refuses to store a key: Data Protection, finding no key it can use, would
/// otherwise create a new one, and the tokens and secret values written with the old keys could never be read again.
/// Registered as the first hosted service, so it runs before Data Protection's own start-up and the store's users.
/// Warns at start when the key ring is not protected.
/// </summary>
internal sealed class KeyRingCheck(IConnectorStore store, KeyRingProtection protection, IServiceProvider services, ILogger<KeyRingCheck> logger)
    : IHostedService
{
    private const string EncryptedSecretName = "encryptedSecret";
    private readonly Lazy<string?> _failure = new(() => Check(store, protection, services), LazyThreadSafetyMode.ExecutionAndPublication);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        KeyManagementOptions keyManagement = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        if (keyManagement.XmlRepository is StoreXmlRepository)
        {
            EnsureReadable();
        }

        if (keyManagement.XmlEncryptor is null)
        {
            Log.KeyRingUnprotected(logger);
        }
        else
        {
            Log.KeyRingProtected(logger, protection.Certificate is not null ? "a certificate" : protection.Key is not null ? $"Connctd:KeyRing:Key (key id {protection.KeyId})" : keyManagement.XmlEncryptor.GetType().Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws when the configured protection cannot read the stored key ring (checked once per process).</summary>
    /// <exception cref="InvalidOperationException">What is missing, and how to set it.</exception>
    public void EnsureReadable()
    {
        if (_failure.Value is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private static string? Check(IConnectorStore store, KeyRingProtection protection, IServiceProvider services)
    {
        if (store is not IKeyRingStore keyRing)
        {
            return null;
        }

        if (protection.Key is not null && protection.Certificate is not null)
        {
            return "Both Connctd:KeyRing:Key and ProtectKeyRingWithCertificate are set: protect the key ring with one of them." + KeyRingProtection.DoesNotStart;
        }

        foreach (string xml in keyRing.GetKeyElements())
        {
            XElement element;
            try
            {
                element = XElement.Parse(xml);
            }
            catch (XmlException)
            {
                continue;
            }

            foreach (XElement secret in element.Descendants().Where(descendant => descendant.Name.LocalName == EncryptedSecretName))
            {
                string decryptor = (string?)secret.Attribute("decryptorType") ?? "";
                XElement? payload = secret.Elements().FirstOrDefault();
                if (payload is null)
                {
                    continue;
                }

                if (decryptor.Contains(typeof(KeyRingXmlDecryptor).FullName!, StringComparison.Ordinal))
                {
                    if (protection.Key is null)
                    {
                        return protection.Certificate is null
                            ? KeyRingProtection.MissingKeyMessage
                            : "The Data Protection key ring in the store is encrypted with a key ring key, but the configured protection is a certificate (ProtectKeyRingWithCertificate). " +
                              "Set Connctd:KeyRing:Key (environment variable Connctd__KeyRing__Key) to the key the key ring was written with instead." + KeyRingProtection.DoesNotStart;
                    }

                    try
                    {
                        _ = KeyRingXmlEncryptor.Decrypt(payload, protection.Key);
                    }
                    catch (CryptographicException)
                    {
                        return $"The Data Protection key ring in the store cannot be decrypted with the configured Connctd:KeyRing:Key (key id {protection.KeyId}): " +
                               $"it was written with another key (key id {(string?)payload.Attribute("keyId") ?? "unknown"}). " +
                               "Set Connctd:KeyRing:Key (environment variable Connctd__KeyRing__Key) to the key the key ring was written with." + KeyRingProtection.DoesNotStart;
                    }
                }
                else if (decryptor.Contains(nameof(EncryptedXmlDecryptor), StringComparison.Ordinal))
                {
                    if (protection.Certificate is null)
                    {
                        return "The Data Protection key ring in the store is encrypted with a certificate, but none is configured. " +
                               "Call ProtectKeyRingWithCertificate on the connector builder with the certificate the key ring was written with." + KeyRingProtection.DoesNotStart;
                    }

                    try
                    {
                        _ = new EncryptedXmlDecryptor(services).Decrypt(payload);
                    }
                    catch (CryptographicException)
                    {
                        return $"The Data Protection key ring in the store cannot be decrypted with the certificate given to ProtectKeyRingWithCertificate (thumbprint {protection.Certificate.Certificate.Thumbprint}): " +
                               "it was written with another certificate. Give ProtectKeyRingWithCertificate the certificate the key ring was written with, with its private key." + KeyRingProtection.DoesNotStart;
                    }
                }
            }
        }

        return null;
    }
}
