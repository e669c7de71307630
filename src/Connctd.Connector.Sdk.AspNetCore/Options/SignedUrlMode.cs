namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>How the connector rebuilds the URL the platform signed (scheme and host), for example behind a reverse proxy.</summary>
public enum SignedUrlMode
{
    /// <summary><c>https</c> and the <c>Host</c> header as received. The default, for a connector the platform reaches directly (or through a proxy that keeps the Host header and terminates TLS).</summary>
    Direct,

    /// <summary>Scheme, host and path prefix from <see cref="SignedUrlOptions.PublicBaseUrl"/>: the public address the platform calls.</summary>
    PublicBaseUrl,

    /// <summary>
    /// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>, but only from a sender listed in
    /// <see cref="SignedUrlOptions.TrustedProxies"/>; from anyone else the headers are ignored and <see cref="Direct"/> applies.
    /// </summary>
    ForwardedHeaders,
}
