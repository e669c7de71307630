namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// How the Data Protection key ring, which encrypts tokens and secret configuration values, is protected where it is
/// stored (<c>Connctd:KeyRing</c>). Set <see cref="Key"/> (or protect it with a certificate with
/// <see cref="ConnctdConnectorBuilder.ProtectKeyRingWithCertificate"/>) in production: without either the key ring
/// sits unencrypted beside the tokens it protects, and the connector warns at start-up.
/// </summary>
public sealed class KeyRingOptions
{
    /// <summary>
    /// A key that encrypts every key ring element (AES-256-GCM), Base64 of 32 random bytes
    /// (<c>Connctd:KeyRing:Key</c>, environment variable <c>Connctd__KeyRing__Key</c>; generate one with
    /// <c>openssl rand -base64 32</c>). Keep it in a secret store, not beside the database: every process on the store
    /// needs the same key, and a process without it, or with another, refuses to start.
    /// </summary>
    public string? Key { get; set; }
}
