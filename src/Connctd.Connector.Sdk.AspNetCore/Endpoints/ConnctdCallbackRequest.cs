using System.Net;
using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// A callback exactly as it was received, for <see cref="ConnctdCallbackHandler"/>: hosts other than
/// <c>MapConnctdConnector</c> (Azure Functions, a controller of your own, a queue consumer) fill it from their request.
/// Nothing may be decoded, re-encoded or re-serialized: the signature covers the raw request target and the raw body.
/// </summary>
public sealed class ConnctdCallbackRequest
{
    /// <summary>The HTTP method as sent, for example <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>
    /// The scheme the request arrived with. Informational: the scheme of the signed URL follows
    /// <see cref="SignedUrlOptions"/> (<c>https</c> in <see cref="SignedUrlMode.Direct"/> mode, as TLS is usually
    /// terminated before the application), exactly as for <c>MapConnctdConnector</c>.
    /// </summary>
    public string Scheme { get; init; } = "https";

    /// <summary>The <c>Host</c> header as received, with the port when one was sent (<c>lamps.example.com:8443</c>).</summary>
    public required string Host { get; init; }

    /// <summary>
    /// The raw request target: the path still percent-encoded as sent, plus <c>?query</c> when present (in ASP.NET
    /// Core <c>IHttpRequestFeature.RawTarget</c>; not a value rebuilt from a decoded path).
    /// </summary>
    public required string RawTarget { get; init; }

    /// <summary>
    /// The path the callbacks are served under, as it appears at the start of <see cref="RawTarget"/>, for example
    /// <c>/connctd</c> or <c>/api/connctd</c>; empty (the default) when the callbacks are at the root. The handler
    /// answers <c>{PathBase}/installations</c>, <c>{PathBase}/installations/{id}</c>, <c>{PathBase}/instances</c>,
    /// <c>{PathBase}/instances/{id}</c> and <c>{PathBase}/actions</c>, and 404 / 405 for anything else.
    /// </summary>
    public string PathBase { get; init; } = "";

    /// <summary>The request headers (at least <c>Date</c>, <c>Signature</c>, <c>Content-Type</c>; <c>X-Forwarded-*</c> behind a trusted proxy).</summary>
    public IHeaderDictionary Headers { get; init; } = new HeaderDictionary();

    /// <summary>The raw body bytes, exactly as received; empty when there is none.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The address of the sender, for <see cref="SignedUrlMode.ForwardedHeaders"/>: its headers count only from a trusted proxy.</summary>
    public IPAddress? RemoteIpAddress { get; init; }
}
