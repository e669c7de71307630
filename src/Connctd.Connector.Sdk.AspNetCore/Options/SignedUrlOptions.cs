namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Where the scheme and host of the signed URL come from. The path and query are always the raw request target as
/// received, so a proxy that rewrites paths needs <see cref="SignedUrlMode.PublicBaseUrl"/> with the prefix it removes.
/// Configuration keys: <c>Connctd:SignedUrl:Mode</c>, <c>Connctd:SignedUrl:PublicBaseUrl</c>, <c>Connctd:SignedUrl:TrustedProxies</c>.
/// </summary>
public sealed class SignedUrlOptions
{
    /// <summary>The mode; <see cref="SignedUrlMode.Direct"/> by default.</summary>
    public SignedUrlMode Mode { get; set; } = SignedUrlMode.Direct;

    /// <summary>
    /// For <see cref="SignedUrlMode.PublicBaseUrl"/>: the absolute URL the platform calls, for example
    /// <c>https://lamps.example.com</c>. A path (<c>https://example.com/lamps</c>) is put before the received request
    /// target, for proxies that strip that prefix.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// For <see cref="SignedUrlMode.ForwardedHeaders"/>: the proxies whose <c>X-Forwarded-*</c> headers are trusted, as
    /// IP addresses (<c>10.0.0.5</c>) or networks in CIDR notation (<c>10.0.0.0/8</c>).
    /// </summary>
    public IList<string> TrustedProxies { get; } = new List<string>();
}
