using System.Net;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Verification;

/// <summary>
/// Checks the signature of a callback over what the platform sent: the method, the signed URL (scheme and host per
/// <see cref="SignedUrlOptions"/>, then the raw request target), the <c>Date</c> header and the raw body bytes.
/// Keys and settings are read from <see cref="IOptionsMonitor{TOptions}"/>, so rotation through configuration reload
/// works. Registered by <c>AddConnctdConnector</c>; resolve it to verify callbacks in an endpoint of your own (for
/// example before handing them to a queue): <see cref="Verify(HttpRequest, ReadOnlyMemory{byte})"/>, or
/// <see cref="CreateSignatureInput(HttpRequest, ReadOnlyMemory{byte})"/> for a <see cref="SignatureVerifier"/> of your own.
/// </summary>
public sealed class CallbackVerifier : IDisposable
{
    private readonly IOptionsMonitor<ConnctdConnectorOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _changeSubscription;
    private volatile VerifierState? _state;

    /// <summary>Creates the verifier; <c>AddConnctdConnector</c> registers one, so an application rarely calls this.</summary>
    /// <param name="options">The connector's options: public keys, allowed clock skew, signed-URL mode.</param>
    /// <param name="timeProvider">The clock the <c>Date</c> window is checked against.</param>
    public CallbackVerifier(IOptionsMonitor<ConnctdConnectorOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
        _changeSubscription = options.OnChange((_, name) =>
        {
            if (string.IsNullOrEmpty(name))
            {
                _state = null;
            }
        });
    }

    /// <summary>
    /// Builds what the platform signed for an ASP.NET Core request under the configured signed-URL mode: the method,
    /// <c>https</c> (or, from a trusted proxy in <see cref="SignedUrlMode.ForwardedHeaders"/> mode, its
    /// <c>X-Forwarded-Proto</c>), the <c>Host</c> header (or the public base URL's host, or a trusted
    /// <c>X-Forwarded-Host</c>), the raw request target (behind the public base URL's path prefix), the <c>Date</c>
    /// and <c>Signature</c> headers and <paramref name="body"/>.
    /// </summary>
    /// <param name="request">The request as received; its body must already be read into <paramref name="body"/>.</param>
    /// <param name="body">The raw body bytes, exactly as received.</param>
    /// <returns>The input for <see cref="SignatureVerifier.Verify(in SignatureInput)"/>.</returns>
    public SignatureInput CreateSignatureInput(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateInput(State, request.Method, RawTarget(request), request.Headers, request.HttpContext.Connection.RemoteIpAddress, body);
    }

    /// <summary>Checks the signature and <c>Date</c> window of an ASP.NET Core request, as <c>MapConnctdConnector</c> does.</summary>
    /// <param name="request">The request as received; its body must already be read into <paramref name="body"/>.</param>
    /// <param name="body">The raw body bytes, exactly as received.</param>
    /// <returns><see cref="SignatureVerificationResult.Valid"/>, or why the request must be refused.</returns>
    public SignatureVerificationResult Verify(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        VerifierState state = State;
        return state.Verifier.Verify(CreateInput(state, request.Method, RawTarget(request), request.Headers, request.HttpContext.Connection.RemoteIpAddress, body));
    }

    /// <summary>Checks the signature and <c>Date</c> window of the request of <paramref name="context"/>.</summary>
    /// <param name="context">The request's context; its body must already be read into <paramref name="body"/>.</param>
    /// <param name="body">The raw body bytes, exactly as received.</param>
    /// <returns><see cref="SignatureVerificationResult.Valid"/>, or why the request must be refused.</returns>
    public SignatureVerificationResult Verify(HttpContext context, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Verify(context.Request, body);
    }

    /// <summary>Checks a callback handed to <see cref="ConnctdCallbackHandler"/>.</summary>
    internal SignatureVerificationResult Verify(ConnctdCallbackRequest request)
    {
        VerifierState state = State;
        return state.Verifier.Verify(CreateInput(state, request.Method, request.RawTarget, request.Headers, request.RemoteIpAddress, request.Body, request.Host));
    }

    /// <summary>The raw request target as Kestrel received it, or (under a server without one, such as TestServer) rebuilt from the escaped path.</summary>
    internal static string RawTarget(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent());

    /// <summary>Stops following configuration changes.</summary>
    public void Dispose() => _changeSubscription?.Dispose();

    private VerifierState State => _state ??= BuildState(_options.CurrentValue);

    private static SignatureInput CreateInput(
        VerifierState state, string method, string rawTarget, IHeaderDictionary headers, IPAddress? remote, ReadOnlyMemory<byte> body, string? host = null)
    {
        (string scheme, string signedHost, string prefix) = ResolveOrigin(state, host ?? headers.Host.ToString(), headers, remote);
        string requestUri = prefix.Length == 0 ? rawTarget : string.Concat(prefix, rawTarget);
        string? date = headers.Date.Count > 0 ? headers.Date.ToString() : null;
        string? signature = headers.TryGetValue("Signature", out var values) && values.Count > 0 ? values.ToString() : null;
        return new SignatureInput(method, scheme, signedHost, requestUri, date, signature, body);
    }

    private static (string Scheme, string Host, string Prefix) ResolveOrigin(VerifierState state, string receivedHost, IHeaderDictionary headers, IPAddress? remote)
    {
        switch (state.Mode)
        {
            case SignedUrlMode.PublicBaseUrl:
                return (state.PublicScheme!, state.PublicHost!, state.PublicPrefix);
            case SignedUrlMode.ForwardedHeaders:
                if (remote is not null && state.IsTrustedProxy(remote))
                {
                    string? proto = LastValue(headers["X-Forwarded-Proto"].ToString());
                    string? host = LastValue(headers["X-Forwarded-Host"].ToString());
                    return (proto ?? "https", host ?? receivedHost, "");
                }

                return ("https", receivedHost, "");
            default:
                return ("https", receivedHost, "");
        }
    }

    private static string? LastValue(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        int comma = header.LastIndexOf(',');
        string value = (comma >= 0 ? header[(comma + 1)..] : header).Trim();
        return value.Length == 0 ? null : value;
    }

    private VerifierState BuildState(ConnctdConnectorOptions options)
    {
        ConnectorPublicKey[] keys = options.GetAllPublicKeys().Select(ConnectorPublicKey.Parse).ToArray();
        var verifier = new SignatureVerifier(keys, new SignatureVerifierOptions { AllowedClockSkew = options.AllowedClockSkew }, _timeProvider);
        SignedUrlOptions signedUrl = options.SignedUrl;
        IPNetwork[] proxies = signedUrl.TrustedProxies
            .Select(text => ConnctdConnectorOptionsValidator.TryParseProxy(text, out IPNetwork network) ? (IPNetwork?)network : null)
            .OfType<IPNetwork>()
            .ToArray();
        Uri? baseUrl = signedUrl.PublicBaseUrl;
        return new VerifierState(
            verifier,
            signedUrl.Mode,
            baseUrl?.Scheme,
            baseUrl?.IsDefaultPort == false ? $"{baseUrl.Host}:{baseUrl.Port}" : baseUrl?.Host,
            baseUrl is null ? "" : baseUrl.AbsolutePath.TrimEnd('/'),
            proxies);
    }

    private sealed record VerifierState(
        SignatureVerifier Verifier,
        SignedUrlMode Mode,
        string? PublicScheme,
        string? PublicHost,
        string PublicPrefix,
        IPNetwork[] TrustedProxies)
    {
        public bool IsTrustedProxy(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            foreach (IPNetwork network in TrustedProxies)
            {
                if (network.Contains(address))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
