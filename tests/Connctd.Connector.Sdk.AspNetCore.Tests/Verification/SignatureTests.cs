using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Verification;

/// <summary>Every way a signature can be wrong: each a 400 with its code, and nothing stored.</summary>
public sealed class SignatureTests(SharedHost shared) : IClassFixture<SharedHost>, IDisposable
{
    private readonly CallbackSender _callbacks = shared.Host.Callbacks();

    public void Dispose() => _callbacks.Dispose();

    [Fact]
    public async Task Install_CorrectlySigned_Answers201()
    {
        using HttpResponseMessage response = await _callbacks.InstallAsync("sig-ok");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_NoSignatureHeader_Answers400MissingHeader()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-none", tamper: request => request.Headers.Remove("Signature"));

        await AssertRefusedAsync(response, "sig-none", ErrorCodes.MissingHeader);
    }

    [Fact]
    public async Task Install_NoSignatureNoDate_Answers400MissingHeader()
    {
        using HttpResponseMessage response = await _callbacks.SendUnsignedAsync(HttpMethod.Post, "/connctd/installations", InstallBody("sig-unsigned"));

        await AssertRefusedAsync(response, "sig-unsigned", ErrorCodes.MissingHeader);
    }

    [Fact]
    public async Task Install_SignatureNotBase64_Answers400BadSignature()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-b64", tamper: request => Replace(request, "Signature", "this is *not* base64!"));

        await AssertRefusedAsync(response, "sig-b64", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_SignatureWrongLength_Answers400BadSignature()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-len", tamper: request => Replace(request, "Signature", Convert.ToBase64String(new byte[32])));

        await AssertRefusedAsync(response, "sig-len", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_SignedWithOtherKey_Answers400BadSignature()
    {
        using RequestSigner other = RequestSigner.Generate();

        using HttpResponseMessage response = await SendInstallAsync("sig-key", signWith: other);

        await AssertRefusedAsync(response, "sig-key", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_BodyChangedAfterSigning_Answers400BadSignature()
    {
        byte[] signed = Encoding.UTF8.GetBytes(InstallBody("sig-body"));
        byte[] sent = Encoding.UTF8.GetBytes(InstallBody("sig-body").Replace("installation-token-secret", "installation-token-forged", StringComparison.Ordinal));

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", sent, signedBody: signed);

        await AssertRefusedAsync(response, "sig-body", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_PathChangedAfterSigning_Answers400BadSignature()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-path", signedTarget: "/connctd/instances");

        await AssertRefusedAsync(response, "sig-path", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_QueryChangedAfterSigning_Answers400BadSignature()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations?attempt=2", Encoding.UTF8.GetBytes(InstallBody("sig-query")), signedTarget: "/connctd/installations?attempt=1");

        await AssertRefusedAsync(response, "sig-query", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_QueryAddedAfterSigning_Answers400BadSignature()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations?x=1", Encoding.UTF8.GetBytes(InstallBody("sig-query-added")), signedTarget: "/connctd/installations");

        await AssertRefusedAsync(response, "sig-query-added", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_SignedQuery_Answers201()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations?attempt=1", Encoding.UTF8.GetBytes(InstallBody("sig-query-ok")));

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_MethodChangedAfterSigning_Answers400BadSignature()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-method", signedMethod: "PUT");

        await AssertRefusedAsync(response, "sig-method", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task RemoveInstance_SignedAsOtherMethod_Answers400BadSignature()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Delete, "/connctd/instances/i-x", null, signedMethod: "POST");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Uninstall_Unsigned_Answers400MissingHeaderAndKeepsInstallation()
    {
        using HttpResponseMessage installed = await _callbacks.InstallAsync("sig-keep");

        using HttpResponseMessage response = await _callbacks.SendUnsignedAsync(HttpMethod.Delete, "/connctd/installations/sig-keep");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MissingHeader);
        Assert.NotNull(await shared.Host.Store.GetInstallationAsync("sig-keep", CancellationToken.None));
    }

    [Fact]
    public async Task Install_DateChangedAfterSigning_Answers400BadSignature()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using HttpResponseMessage response = await SendInstallAsync(
            "sig-date", date: now, tamper: request => Replace(request, "Date", HttpDate.Format(now.AddSeconds(-1))));

        await AssertRefusedAsync(response, "sig-date", ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_DateSixMinutesOld_Answers400StaleRequest()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-stale", date: DateTimeOffset.UtcNow.AddMinutes(-6));

        await AssertRefusedAsync(response, "sig-stale", ErrorCodes.StaleRequest);
    }

    [Fact]
    public async Task Install_DateSixMinutesAhead_Answers400StaleRequest()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-future", date: DateTimeOffset.UtcNow.AddMinutes(6));

        await AssertRefusedAsync(response, "sig-future", ErrorCodes.StaleRequest);
    }

    [Fact]
    public async Task Install_DateFourMinutesOld_Answers201()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-recent", date: DateTimeOffset.UtcNow.AddMinutes(-4));

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_NoDateHeader_Answers400MissingHeader()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-nodate", tamper: request => request.Headers.Remove("Date"));

        await AssertRefusedAsync(response, "sig-nodate", ErrorCodes.MissingHeader);
    }

    [Fact]
    public async Task Install_DateNotAnHttpDate_Answers400StaleRequest()
    {
        using HttpResponseMessage response = await SendInstallAsync("sig-baddate", tamper: request => Replace(request, "Date", "yesterday at noon"));

        await AssertRefusedAsync(response, "sig-baddate", ErrorCodes.StaleRequest);
    }

    [Fact]
    public async Task Act_WrongKey_Answers400BadSignatureNotMappingNotFound()
    {
        using RequestSigner other = RequestSigner.Generate();

        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/actions",
            Encoding.UTF8.GetBytes("""{"id":"a","thingId":"t","componentId":"c","actionId":"x","status":"PENDING","parameters":{}}"""),
            signWith: other);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_DateOutsideConfiguredSkew_Answers400StaleRequest()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(shared.Platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Connctd:AllowedClockSkew"] = "00:00:30" });
        await host.StartAsync();
        using CallbackSender callbacks = host.Callbacks();

        using HttpResponseMessage stale = await callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody("skew-stale")), date: DateTimeOffset.UtcNow.AddMinutes(-2));
        using HttpResponseMessage fresh = await callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody("skew-fresh")), date: DateTimeOffset.UtcNow.AddSeconds(-5));

        await ProtocolAssert.ErrorAsync(stale, HttpStatusCode.BadRequest, ErrorCodes.StaleRequest);
        await ProtocolAssert.StatusAsync(fresh, HttpStatusCode.Created);
    }

    private static string InstallBody(string id) =>
        $$"""{"id":"{{id}}","token":"installation-token-secret","state":1,"configuration":[]}""";

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }

    private Task<HttpResponseMessage> SendInstallAsync(
        string id,
        Action<HttpRequestMessage>? tamper = null,
        RequestSigner? signWith = null,
        DateTimeOffset? date = null,
        string? signedMethod = null,
        string? signedTarget = null) =>
        _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody(id)),
            date: date, signWith: signWith, tamper: tamper, signedMethod: signedMethod, signedTarget: signedTarget);

    private async Task AssertRefusedAsync(HttpResponseMessage response, string installationId, string errorCode)
    {
        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Null(await shared.Host.Store.GetInstallationAsync(installationId, CancellationToken.None));
    }
}
