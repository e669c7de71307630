using System.Net;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>
/// The host-independent entry point, called directly as Azure Functions or a controller of one's own would: it answers
/// what the endpoint answers, refuses what the endpoint refuses, and never throws for anything a client can send.
/// </summary>
public sealed class CallbackHandlerTests : HostedTest
{
    private const string CallbackHost = "lamps.example.com";

    private ConnctdCallbackHandler Handler => Host.Services.GetRequiredService<ConnctdCallbackHandler>();

    protected override void Configure(ConnectorTestHost host) => host.ConfigureOptions = options => options.MaxRequestBodySize = 2048;

    [Fact]
    public async Task Install_Signed_Answers201AndStoresTheInstallation()
    {
        ConnctdCallbackResponse response = await Handler.HandleAsync(Signed("POST", "/connctd/installations", InstallBody("direct-1")));

        Assert.Equal(201, response.StatusCode);
        Assert.True(response.Body.IsEmpty);
        Assert.Null(response.ContentType);
        Assert.NotNull(await Host.Store.GetInstallationAsync("direct-1", CancellationToken.None));
        Assert.Equal(["install:direct-1"], Behavior.Calls);
    }

    [Fact]
    public async Task InstallThenUninstall_EncodedIdUnderOtherPathBase_Answers201Then204()
    {
        ConnctdCallbackResponse installed = await Handler.HandleAsync(Signed("POST", "/api/hooks/installations?x=%20", InstallBody("a/b%c"), pathBase: "/api/hooks"));
        ConnctdCallbackResponse removed = await Handler.HandleAsync(Signed("DELETE", "/api/hooks/installations/a%2Fb%25c", null, pathBase: "/api/hooks"));

        Assert.Equal(201, installed.StatusCode);
        Assert.Equal(204, removed.StatusCode);
        Assert.Null(await Host.Store.GetInstallationAsync("a/b%c", CancellationToken.None));
        Assert.Contains("uninstall:a/b%c", Behavior.Calls);
    }

    [Fact]
    public async Task Install_Forged_Answers400BadSignatureAndKeepsNothing()
    {
        using var forger = RequestSigner.Generate();

        ConnctdCallbackResponse response = await Handler.HandleAsync(Signed("POST", "/connctd/installations", InstallBody("forged-1"), signWith: forger));

        AssertError(response, 400, ErrorCodes.BadSignature);
        Assert.Null(await Host.Store.GetInstallationAsync("forged-1", CancellationToken.None));
        Assert.Empty(Behavior.Calls);
    }

    [Fact]
    public async Task Install_SignedForOtherHost_Answers400BadSignature()
    {
        ConnctdCallbackRequest request = Signed("POST", "/connctd/installations", InstallBody("moved-1"));

        ConnctdCallbackResponse response = await Handler.HandleAsync(new ConnctdCallbackRequest
        {
            Method = request.Method, Host = "elsewhere.example.com", RawTarget = request.RawTarget, PathBase = request.PathBase, Headers = request.Headers, Body = request.Body,
        });

        AssertError(response, 400, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_Stale_Answers400StaleRequest()
    {
        ConnctdCallbackResponse response = await Handler.HandleAsync(Signed("POST", "/connctd/installations", InstallBody("stale-1"), date: DateTimeOffset.UtcNow.AddHours(-1)));

        AssertError(response, 400, ErrorCodes.StaleRequest);
        Assert.Empty(Behavior.Calls);
    }

    [Fact]
    public async Task Install_Unsigned_Answers400MissingHeader()
    {
        ConnctdCallbackRequest signed = Signed("POST", "/connctd/installations", InstallBody("unsigned-1"));
        signed.Headers.Remove("Signature");

        AssertError(await Handler.HandleAsync(signed), 400, ErrorCodes.MissingHeader);
    }

    [Fact]
    public async Task Install_Oversized_Answers413RequestTooLarge()
    {
        string body = InstallBody("big-1", token: new string('t', 4096));

        AssertError(await Handler.HandleAsync(Signed("POST", "/connctd/installations", body)), 413, ErrorCodes.RequestTooLarge);
        Assert.Empty(Behavior.Calls);
    }

    [Theory]
    [InlineData("forged", 400, ErrorCodes.BadSignature)]
    [InlineData("tampered", 400, ErrorCodes.BadSignature)]
    [InlineData("stale", 400, ErrorCodes.StaleRequest)]
    [InlineData("future", 400, ErrorCodes.StaleRequest)]
    [InlineData("missing-date", 400, ErrorCodes.MissingHeader)]
    [InlineData("missing-signature", 400, ErrorCodes.MissingHeader)]
    [InlineData("garbled-signature", 400, ErrorCodes.BadSignature)]
    [InlineData("oversized", 413, ErrorCodes.RequestTooLarge)]
    public async Task Install_Refused_AnsweredExactlyAsTheEndpointAnswers(string refusal, int status, string errorCode)
    {
        using var forger = RequestSigner.Generate();
        string body = InstallBody("refused-1", token: refusal == "oversized" ? new string('t', 4096) : "installation-token-secret");
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        DateTimeOffset date = refusal switch
        {
            "stale" => DateTimeOffset.UtcNow.AddMinutes(-6),
            "future" => DateTimeOffset.UtcNow.AddMinutes(6),
            _ => DateTimeOffset.UtcNow,
        };
        RequestSigner? signer = refusal == "forged" ? forger : null;
        byte[]? signedBody = refusal == "tampered" ? Encoding.UTF8.GetBytes(InstallBody("other-1")) : null;
        string? dropped = refusal switch { "missing-date" => "Date", "missing-signature" => "Signature", _ => null };

        ConnctdCallbackRequest request = Signed("POST", "/connctd/installations", body, date: date, signWith: signer, signedBody: signedBody);
        if (dropped is not null)
        {
            request.Headers.Remove(dropped);
        }

        if (refusal == "garbled-signature")
        {
            request.Headers["Signature"] = "keyId=\"x\",algorithm=\"ed25519\",signature=\"%%%\"";
        }

        ConnctdCallbackResponse direct = await Handler.HandleAsync(request);
        using HttpResponseMessage endpoint = await Callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", bytes, date: date, signWith: signer, signedBody: signedBody, tamper: sent =>
            {
                if (dropped is not null)
                {
                    sent.Headers.Remove(dropped);
                }

                if (refusal == "garbled-signature")
                {
                    sent.Headers.Remove("Signature");
                    sent.Headers.TryAddWithoutValidation("Signature", "keyId=\"x\",algorithm=\"ed25519\",signature=\"%%%\"");
                }
            });

        AssertError(direct, status, errorCode);
        Assert.Equal((int)endpoint.StatusCode, direct.StatusCode);
        Assert.Equal(await endpoint.Content.ReadAsStringAsync(), Encoding.UTF8.GetString(direct.Body.Span));
        Assert.Null(await Host.Store.GetInstallationAsync("refused-1", CancellationToken.None));
        Assert.Empty(Behavior.Calls);
    }

    [Theory]
    [InlineData("""{"id":"x","token":""", "application/json", 400, ErrorCodes.InvalidJsonBody)]
    [InlineData("""{"id":"x","token":"t","state":"one"}""", "application/json", 400, ErrorCodes.BadRequestBody)]
    [InlineData("""{"id":"a\rb","token":"t","state":1,"configuration":[]}""", "application/json", 400, ErrorCodes.InvalidId)]
    [InlineData("""{"id":"x","token":"t","state":1,"configuration":[]}""", "text/plain", 415, ErrorCodes.BadContentType)]
    [InlineData("", "application/json", 400, ErrorCodes.BadRequestBody)]
    public async Task Install_Malformed_AnsweredLikeTheEndpoint(string body, string contentType, int status, string errorCode)
    {
        ConnctdCallbackResponse direct = await Handler.HandleAsync(Signed("POST", "/connctd/installations", body, contentType: contentType));
        using HttpResponseMessage endpoint = await Callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(body), contentType);

        AssertError(direct, status, errorCode);
        Assert.Equal((int)endpoint.StatusCode, direct.StatusCode);
        Assert.Equal(await endpoint.Content.ReadAsStringAsync(), Encoding.UTF8.GetString(direct.Body.Span));
        Assert.Empty(Behavior.Calls);
    }

    [Theory]
    [InlineData("POST", "/connctd/unknown", 404, ErrorCodes.NotFound, null)]
    [InlineData("POST", "/elsewhere/installations", 404, ErrorCodes.NotFound, null)]
    [InlineData("POST", "/connctd/installations/i-1/extra", 404, ErrorCodes.NotFound, null)]
    [InlineData("GET", "/connctd/installations", 405, ErrorCodes.MethodNotAllowed, "POST")]
    [InlineData("PUT", "/connctd/actions", 405, ErrorCodes.MethodNotAllowed, "POST")]
    [InlineData("POST", "/connctd/instances/i-1", 405, ErrorCodes.MethodNotAllowed, "DELETE")]
    [InlineData("DELETE", "/connctd/installations", 400, ErrorCodes.MissingInstallationId, null)]
    [InlineData("DELETE", "/connctd/instances/", 400, ErrorCodes.MissingInstanceId, null)]
    public async Task Send_NotACallback_AnsweredAsEndpointRoutingDoes(string method, string target, int status, string errorCode, string? allow)
    {
        ConnctdCallbackResponse response = await Handler.HandleAsync(Signed(method, target, method is "POST" or "PUT" ? "{}" : null));

        AssertError(response, status, errorCode);
        Assert.Equal(allow, response.Allow);
    }

    public static TheoryData<string, string, string> Garbage => new()
    {
        { "POST", "", "" },
        { "", "/connctd/installations", CallbackHost },
        { "POST", "*", CallbackHost },
        { "POST", "http://[::1", CallbackHost },
        { "DELETE", "/connctd/installations/%", CallbackHost },
        { "DELETE", "/connctd/installations/%FF%FE", CallbackHost },
        { "DELETE", "/connctd/instances/..%2F..%2F", CallbackHost },
        { "POST", "/connctd/../connctd/./actions?%%%", "" },
        { "PROPFIND", "/connctd/actions", "\r\n" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Send_Garbage_AnsweredWithAProtocolErrorNeverThrown(string method, string target, string host)
    {
        var headers = new HeaderDictionary { ["Date"] = "yesterday", ["Signature"] = "keyId=\"x\",signature=\"%%%\"", ["Content-Type"] = "application/json; charset=ebcdic" };

        ConnctdCallbackResponse response = await Handler.HandleAsync(new ConnctdCallbackRequest
        {
            Method = method, Host = host, RawTarget = target, PathBase = "/connctd", Headers = headers, Body = new byte[] { 0xFF, 0x00, 0x7B },
        });

        Assert.InRange(response.StatusCode, 400, 499);
        JsonElement error = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(response.StatusCode, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.Empty(Behavior.Calls);
    }

    [Fact]
    public async Task Send_RequestWithNullHeaders_AnsweredNotThrown()
    {
        ConnctdCallbackResponse response = await Handler.HandleAsync(new ConnctdCallbackRequest
        {
            Method = "POST", Host = CallbackHost, RawTarget = "/connctd/installations", PathBase = "/connctd", Headers = null!,
        });

        Assert.Equal(500, response.StatusCode);
        Assert.Equal(ErrorCodes.InternalServerError, JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString());
    }

    private static string InstallBody(string id, string token = "installation-token-secret") =>
        JsonSerializer.Serialize(new { id, token, state = 1, configuration = Array.Empty<object>() });

    private ConnctdCallbackRequest Signed(
        string method,
        string target,
        string? body,
        DateTimeOffset? date = null,
        RequestSigner? signWith = null,
        string contentType = "application/json",
        string pathBase = "/connctd",
        byte[]? signedBody = null)
    {
        byte[] bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        string dateText = HttpDate.Format(date ?? DateTimeOffset.UtcNow);
        var headers = new HeaderDictionary
        {
            ["Host"] = CallbackHost,
            ["Date"] = dateText,
            ["Signature"] = (signWith ?? Host.Signer).Sign(method, "https", CallbackHost, target, dateText, signedBody ?? bytes),
        };
        if (body is not null)
        {
            headers["Content-Type"] = contentType;
        }

        return new ConnctdCallbackRequest { Method = method, Host = CallbackHost, RawTarget = target, PathBase = pathBase, Headers = headers, Body = bytes };
    }

    private static void AssertError(ConnctdCallbackResponse response, int status, string errorCode)
    {
        string text = Encoding.UTF8.GetString(response.Body.Span);
        Assert.True(status == response.StatusCode, $"Expected {status} {errorCode}, got {response.StatusCode}: {text}");
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        JsonElement error = JsonDocument.Parse(text).RootElement;
        Assert.Equal(errorCode, error.GetProperty("error").GetString());
        Assert.Equal(status, error.GetProperty("status").GetInt32());
    }
}
