using System.Net;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Verification;

/// <summary>
/// Checks the signature of a callback over what the platform sent: the method, the signed URL (scheme and host per
/// <see cref="SignedUrlOptions"/>, then the raw request target), the <c>Date</c> header and the raw body bytes.
/// Keys and settings are read from <see cref="IOptionsMonitor{TOptions}"/>, so rotation through configuration reload works.
/// </summary>
internal sealed class CallbackVerifier : IDisposable
{
    private readonly IOptionsMonitor<ConnctdConnectorOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _changeSubscription;
    private volatile VerifierState? _state;

    public CallbackVerifier(IOptionsMonitor<ConnctdConnectorOptions> options, TimeProvider timeProvider)
    {
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

    public SignatureVerificationResult Verify(HttpContext context, ReadOnlyMemory<byte> body)
    {
        VerifierState state = _state ??= BuildState(_options.CurrentValue);
        HttpRequest request = context.Request;
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent());
        (string scheme, string host, string prefix) = ResolveOrigin(context, state);
        string requestUri = prefix.Length == 0 ? rawTarget : string.Concat(prefix, rawTarget);
        string? date = request.Headers.Date.Count > 0 ? request.Headers.Date.ToString() : null;
        string? signature = request.Headers.TryGetValue("Signature", out var values) && values.Count > 0 ? values.ToString() : null;
        return state.Verifier.Verify(new SignatureInput(request.Method, scheme, host, requestUri, date, signature, body));
    }

    public void Dispose() => _changeSubscription?.Dispose();

    private static (string Scheme, string Host, string Prefix) ResolveOrigin(HttpContext context, VerifierState state)
    {
        string receivedHost = context.Request.Headers.Host.ToString();
        switch (state.Mode)
        {
            case SignedUrlMode.PublicBaseUrl:
                return (state.PublicScheme!, state.PublicHost!, state.PublicPrefix);
            case SignedUrlMode.ForwardedHeaders:
                IPAddress? remote = context.Connection.RemoteIpAddress;
                if (remote is not null && state.IsTrustedProxy(remote))
                {
                    string? proto = LastValue(context.Request.Headers["X-Forwarded-Proto"].ToString());
                    string? host = LastValue(context.Request.Headers["X-Forwarded-Host"].ToString());
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
