using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Verification;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Verification;

/// <summary>
/// <see cref="CallbackVerifier.CreateSignatureInput"/> rebuilds what the platform signed from an ASP.NET Core request
/// under each signed-URL mode, for authors who verify in an endpoint of their own or before queueing.
/// </summary>
public sealed class SignatureInputFromRequestTests : IDisposable
{
    private const string RawTarget = "/connctd/instances/a%2Fb?x=1%202";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{}");
    private readonly RequestSigner _signer = RequestSigner.Generate();
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        _providers.ForEach(provider => provider.Dispose());
        _signer.Dispose();
    }

    [Fact]
    public void Direct_UsesHttpsHostHeaderAndRawTarget()
    {
        CallbackVerifier verifier = Verifier(_ => { });

        SignatureInput input = verifier.CreateSignatureInput(Request("internal:8080", IPAddress.Loopback).Request, Body);

        Assert.Equal(("DELETE", "https", "internal:8080", RawTarget), (input.Method, input.Scheme, input.Host, input.RequestUri));
        Assert.Equal("{}", Encoding.UTF8.GetString(input.Body.Span));
        Assert.NotNull(input.Date);
        Assert.NotNull(input.Signature);
    }

    [Fact]
    public void PublicBaseUrl_UsesItsSchemeHostAndPathPrefix()
    {
        CallbackVerifier verifier = Verifier(options =>
        {
            options.SignedUrl.Mode = SignedUrlMode.PublicBaseUrl;
            options.SignedUrl.PublicBaseUrl = new Uri("https://public.example.com:8443/lamps");
        });

        SignatureInput input = verifier.CreateSignatureInput(Request("internal:8080", IPAddress.Loopback).Request, Body);

        Assert.Equal(("https", "public.example.com:8443", "/lamps" + RawTarget), (input.Scheme, input.Host, input.RequestUri));
    }

    [Theory]
    [InlineData("10.0.0.5", "http", "proxy.example.com")]
    [InlineData("192.168.1.9", "https", "internal:8080")]
    public void ForwardedHeaders_TrustedOnlyFromAListedProxy(string remote, string scheme, string host)
    {
        CallbackVerifier verifier = Verifier(options =>
        {
            options.SignedUrl.Mode = SignedUrlMode.ForwardedHeaders;
            options.SignedUrl.TrustedProxies.Add("10.0.0.0/8");
        });
        DefaultHttpContext context = Request("internal:8080", IPAddress.Parse(remote));
        context.Request.Headers["X-Forwarded-Proto"] = "http";
        context.Request.Headers["X-Forwarded-Host"] = "spoofed.example.com, proxy.example.com";

        SignatureInput input = verifier.CreateSignatureInput(context.Request, Body);

        Assert.Equal((scheme, host), (input.Scheme, input.Host));
    }

    [Fact]
    public void Verify_SignedAsReceived_ValidAndTamperedBodyRefused()
    {
        CallbackVerifier verifier = Verifier(_ => { });
        DefaultHttpContext context = Request("lamps.example.com", IPAddress.Loopback);

        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(context.Request, Body));
        Assert.Equal(SignatureVerificationResult.Mismatch, verifier.Verify(context.Request, Encoding.UTF8.GetBytes("{ }")));
    }

    private DefaultHttpContext Request(string host, IPAddress remote)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "DELETE";
        context.Request.Headers.Host = host;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = RawTarget;
        context.Connection.RemoteIpAddress = remote;
        string date = HttpDate.Format(DateTimeOffset.UtcNow);
        context.Request.Headers.Date = date;
        context.Request.Headers["Signature"] = _signer.Sign("DELETE", "https", host, RawTarget, date, Body);
        return context;
    }

    private CallbackVerifier Verifier(Action<ConnctdConnectorOptions> configure)
    {
        ServiceProvider provider = new ServiceCollection()
            .Configure<ConnctdConnectorOptions>(options =>
            {
                options.PublicKey = _signer.PublicKey.ToBase64();
                configure(options);
            })
            .BuildServiceProvider();
        _providers.Add(provider);
        return new CallbackVerifier(provider.GetRequiredService<IOptionsMonitor<ConnctdConnectorOptions>>(), TimeProvider.System);
    }
}
