using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Verification;

/// <summary>Which scheme and host the signature is checked against behind a reverse proxy.</summary>
public sealed class SignedUrlModeTests : IAsyncLifetime
{
    private const string ForwardedHost = "connector.example.com";
    private readonly FakePlatformApi _platform = new();
    private readonly List<ConnectorTestHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (ConnectorTestHost host in _hosts)
        {
            await host.DisposeAsync();
        }

        _platform.Dispose();
    }

    [Fact]
    public async Task Install_PublicBaseUrlModeSignedForPublicUrl_Answers201()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "PublicBaseUrl"), ("PublicBaseUrl", "https://public.example.com/prefix"));

        using HttpResponseMessage response = await SendInstallAsync(
            callbacks, "pub-1", signedHost: "public.example.com", signedTarget: "/prefix/connctd/installations");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_PublicBaseUrlModeWithPortSignedForPublicUrl_Answers201()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "PublicBaseUrl"), ("PublicBaseUrl", "https://public.example.com:8443/"));

        using HttpResponseMessage response = await SendInstallAsync(
            callbacks, "pub-port", signedHost: "public.example.com:8443", signedTarget: "/connctd/installations");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_PublicBaseUrlModeSignedForRealHost_Answers400BadSignature()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "PublicBaseUrl"), ("PublicBaseUrl", "https://public.example.com/prefix"));

        using HttpResponseMessage response = await SendInstallAsync(callbacks, "pub-2");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_PublicBaseUrlModeSignedWithoutPrefix_Answers400BadSignature()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "PublicBaseUrl"), ("PublicBaseUrl", "https://public.example.com/prefix"));

        using HttpResponseMessage response = await SendInstallAsync(callbacks, "pub-3", signedHost: "public.example.com");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_ForwardedHeadersFromTrustedProxy_ChecksForwardedHost()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "ForwardedHeaders"), ("TrustedProxies:0", "127.0.0.1"));

        using HttpResponseMessage response = await SendInstallAsync(callbacks, "fwd-1", signedHost: ForwardedHost, tamper: Forward("https", ForwardedHost));

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_ForwardedHeadersFromTrustedProxy_ChecksForwardedProto()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "ForwardedHeaders"), ("TrustedProxies:0", "127.0.0.0/8"));

        using HttpResponseMessage response = await SendInstallAsync(
            callbacks, "fwd-2", signedHost: ForwardedHost, signedScheme: "http", tamper: Forward("http", ForwardedHost));

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_ForwardedHeadersFromTrustedProxySignedForRealHost_Answers400BadSignature()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "ForwardedHeaders"), ("TrustedProxies:0", "127.0.0.1"));

        using HttpResponseMessage response = await SendInstallAsync(callbacks, "fwd-3", tamper: Forward("https", ForwardedHost));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_ForwardedHeadersFromUntrustedSender_IgnoresHeaders()
    {
        using CallbackSender callbacks = await StartAsync(("Mode", "ForwardedHeaders"), ("TrustedProxies:0", "10.0.0.0/8"));

        using HttpResponseMessage forged = await SendInstallAsync(callbacks, "fwd-4", signedHost: ForwardedHost, tamper: Forward("https", ForwardedHost));
        using HttpResponseMessage direct = await SendInstallAsync(callbacks, "fwd-5", tamper: Forward("https", ForwardedHost));

        await ProtocolAssert.ErrorAsync(forged, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
        await ProtocolAssert.StatusAsync(direct, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_DirectModeWithForwardedHeaders_IgnoresHeaders()
    {
        using CallbackSender callbacks = await StartAsync();

        using HttpResponseMessage forged = await SendInstallAsync(callbacks, "dir-1", signedHost: ForwardedHost, tamper: Forward("https", ForwardedHost));
        using HttpResponseMessage direct = await SendInstallAsync(callbacks, "dir-2", tamper: Forward("https", ForwardedHost));

        await ProtocolAssert.ErrorAsync(forged, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
        await ProtocolAssert.StatusAsync(direct, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_DirectModeSignedWithHttpScheme_Answers400BadSignature()
    {
        using CallbackSender callbacks = await StartAsync();

        using HttpResponseMessage response = await SendInstallAsync(callbacks, "dir-3", signedScheme: "http");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    private static Action<HttpRequestMessage> Forward(string proto, string host) => request =>
    {
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", proto);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", host);
    };

    private static Task<HttpResponseMessage> SendInstallAsync(
        CallbackSender callbacks,
        string id,
        string? signedHost = null,
        string? signedTarget = null,
        string signedScheme = "https",
        Action<HttpRequestMessage>? tamper = null) =>
        callbacks.SendAsync(
            HttpMethod.Post,
            "/connctd/installations",
            Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","token":"t","state":1,"configuration":[]}"""),
            tamper: tamper,
            signedTarget: signedTarget,
            signedHost: signedHost,
            signedScheme: signedScheme);

    private async Task<CallbackSender> StartAsync(params (string Key, string Value)[] signedUrl)
    {
        ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        _hosts.Add(host);
        host.Configure = configuration => configuration.AddInMemoryCollection(
            signedUrl.Select(setting => new KeyValuePair<string, string?>($"Connctd:SignedUrl:{setting.Key}", setting.Value)));
        await host.StartAsync();
        return host.Callbacks();
    }
}
