using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Verification;

/// <summary>Correctly signed requests whose body or content type is wrong: each a 4xx with its code, never a 5xx, nothing stored.</summary>
public sealed class RequestBodyTests(SharedHost shared) : IClassFixture<SharedHost>, IDisposable
{
    private const int DefaultLimit = 64 * 1024;
    private readonly CallbackSender _callbacks = shared.Host.Callbacks();

    public void Dispose() => _callbacks.Dispose();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/jsonp")]
    public async Task Install_WrongContentType_Answers415BadContentType(string contentType)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody("ct-wrong")), contentType);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.BadContentType);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("ct-wrong", CancellationToken.None));
    }

    [Fact]
    public async Task Install_NoContentType_Answers415BadContentType()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody("ct-none")), contentType: null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.BadContentType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", "ct-utf8")]
    [InlineData("application/json; charset=UTF-8", "ct-utf8-upper")]
    [InlineData("Application/JSON", "ct-case")]
    public async Task Install_JsonContentTypeVariant_Answers201(string contentType, string id)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody(id)), contentType);

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        Assert.NotNull(await shared.Host.Store.GetInstallationAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Install_BodyExactlyAtLimit_Answers201()
    {
        byte[] body = PaddedInstallBody("size-limit", DefaultLimit);

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", body);

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Install_BodyOneByteOverLimitWithContentLength_Answers413()
    {
        byte[] body = PaddedInstallBody("size-over", DefaultLimit + 1);

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", body);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("size-over", CancellationToken.None));
    }

    [Fact]
    public async Task Install_LargeBodyWithContentLength_Answers413()
    {
        byte[] body = PaddedInstallBody("size-large", 256 * 1024);

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", body);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge);
    }

    [Fact]
    public async Task Install_BodyOverLimitChunked_Answers413()
    {
        byte[] body = PaddedInstallBody("size-chunked", DefaultLimit + 100);

        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", body, tamper: request => request.Headers.TransferEncodingChunked = true);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("size-chunked", CancellationToken.None));
    }

    [Fact]
    public async Task Install_SmallBodyChunked_Answers201()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(InstallBody("chunked-ok")),
            tamper: request => request.Headers.TransferEncodingChunked = true);

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/connctd/installations")]
    [InlineData("/connctd/instances")]
    [InlineData("/connctd/actions")]
    public async Task Post_EmptyBody_Answers400BadRequestBody(string target)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, target, []);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
    }

    [Theory]
    [InlineData("/connctd/installations", """{"id":"json-bad","token":""")]
    [InlineData("/connctd/installations", """{"id":"json-bad","token":"t","state":1,"configuration":[""")]
    [InlineData("/connctd/installations", """{id:"json-bad",token:"t"}""")]
    [InlineData("/connctd/installations", """{"id":"json-bad","token":"t",}""")]
    [InlineData("/connctd/installations", """{"id":"json-bad","token":"t"} trailing""")]
    [InlineData("/connctd/installations", """{"id":"json-bad","token":"t"}{"id":"json-bad","token":"t"}""")]
    [InlineData("/connctd/installations", "not json at all")]
    [InlineData("/connctd/installations", "{\"id\":\"json-bad\",\"token\":\"t\u0001\"}")]
    [InlineData("/connctd/instances", """{"id":"i","installation_id":"json-bad""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":"t","componentId":"c","actionId":"x","parameters":{"on":"true"}""")]
    [InlineData("/connctd/actions", "[1, 2,")]
    public async Task Post_TruncatedOrMalformedJson_Answers400InvalidJsonBody(string target, string body)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidJsonBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("json-bad", CancellationToken.None));
    }

    [Fact]
    public async Task Install_NestedTooDeep_Answers400InvalidJsonBody()
    {
        string deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        string body = $$"""{"id":"json-deep","token":"t","configuration":[],"extra":{{deep}}}""";

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidJsonBody);
    }

    [Theory]
    [InlineData("/connctd/installations", """{"id":123,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-x","token":true,"state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-x","token":"t","state":"one","configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-x","token":"t","state":1,"configuration":"none"}""")]
    [InlineData("/connctd/installations", """{"id":"body-x","token":"t","state":1,"configuration":[{"id":"a","value":5}]}""")]
    [InlineData("/connctd/installations", """{"id":"body-x","token":"t","state":1,"configuration":[null]}""")]
    [InlineData("/connctd/installations", """{"id":["body-x"],"token":"t"}""")]
    [InlineData("/connctd/installations", """[{"id":"body-x","token":"t"}]""")]
    [InlineData("/connctd/installations", "\"body-x\"")]
    [InlineData("/connctd/installations", "null")]
    [InlineData("/connctd/installations", "42")]
    [InlineData("/connctd/instances", """{"id":"i","installation_id":7,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":"t","componentId":"c","actionId":"x","status":"PENDING","parameters":{"on":true}}""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":"t","componentId":"c","actionId":"x","status":"PENDING","parameters":["on"]}""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":{"id":"t"},"componentId":"c","actionId":"x","status":"PENDING","parameters":{}}""")]
    public async Task Post_WrongJsonTypes_Answers400BadRequestBody(string target, string body)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("body-x", CancellationToken.None));
    }

    [Theory]
    [InlineData("/connctd/installations", """{"token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-missing","state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", "{}")]
    [InlineData("/connctd/instances", """{"id":"i","token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/instances", """{"id":"i","installationId":"body-missing","token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/instances", """{"installation_id":"body-missing","token":"t"}""")]
    [InlineData("/connctd/actions", """{"id":"a","componentId":"c","actionId":"x","status":"PENDING","parameters":{}}""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":"t","actionId":"x","status":"PENDING","parameters":{}}""")]
    [InlineData("/connctd/actions", """{"thingId":"t","componentId":"c","actionId":"x"}""")]
    public async Task Post_MissingRequiredField_Answers400BadRequestBody(string target, string body)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("body-missing", CancellationToken.None));
    }

    [Theory]
    [InlineData("/connctd/installations", """{"id":null,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-null","token":null,"state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-null","token":"t","state":1,"configuration":[{"id":"a","value":null}]}""")]
    [InlineData("/connctd/instances", """{"id":"i","installation_id":null,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/instances", """{"id":null,"installation_id":"body-null","token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":null,"componentId":"c","actionId":"x","status":"PENDING","parameters":{}}""")]
    [InlineData("/connctd/actions", """{"id":"a","thingId":"t","componentId":"c","actionId":"x","status":"PENDING","parameters":{"on":null}}""")]
    public async Task Post_NullField_Answers400BadRequestBody(string target, string body)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("body-null", CancellationToken.None));
    }

    [Fact]
    public async Task Install_DuplicateProperty_Answers400BadRequestBody()
    {
        string body = """{"id":"body-dup","token":"t","token":"u","state":1,"configuration":[]}""";

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("body-dup", CancellationToken.None));
    }

    [Theory]
    [InlineData("C328")]
    [InlineData("EDA080")]
    [InlineData("C0AF")]
    [InlineData("FF")]
    public async Task Install_InvalidUtf8InString_Answers400InvalidJsonBody(string badBytesHex)
    {
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("{\"id\":\"body-utf8\",\"token\":\"t"),
            .. Convert.FromHexString(badBytesHex),
            .. Encoding.UTF8.GetBytes("\",\"state\":1,\"configuration\":[]}"),
        ];

        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", body);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidJsonBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("body-utf8", CancellationToken.None));
    }

    [Theory]
    [InlineData("/connctd/installations", """{"id":"","token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/installations", """{"id":"body-empty","token":"","state":1,"configuration":[]}""")]
    [InlineData("/connctd/instances", """{"id":"i","installation_id":"","token":"t","state":1,"configuration":[]}""")]
    [InlineData("/connctd/actions", """{"id":"","thingId":"t","componentId":"c","actionId":"x","status":"PENDING","parameters":{}}""")]
    public async Task Post_EmptyRequiredValue_Answers400InvalidBody(string target, string body)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
        Assert.Null(await shared.Host.Store.GetInstallationAsync("body-empty", CancellationToken.None));
    }

    [Fact]
    public async Task Install_BodyOverConfiguredLimit_Answers413()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(shared.Platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Connctd:MaxRequestBodySize"] = "2048" });
        await host.StartAsync();
        using CallbackSender callbacks = host.Callbacks();

        using HttpResponseMessage over = await callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", PaddedInstallBody("limit-over", 2049));
        using HttpResponseMessage at = await callbacks.SendAsync(HttpMethod.Post, "/connctd/installations", PaddedInstallBody("limit-at", 2048));

        await ProtocolAssert.ErrorAsync(over, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge);
        await ProtocolAssert.StatusAsync(at, HttpStatusCode.Created);
    }

    private static string InstallBody(string id) =>
        $$"""{"id":"{{id}}","token":"installation-token-secret","state":1,"configuration":[]}""";

    /// <summary>A valid installation request of exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PaddedInstallBody(string id, int size)
    {
        string prefix = $$"""{"id":"{{id}}","token":"installation-token-secret","state":1,"configuration":[{"id":"pad","value":" """.TrimEnd();
        const string suffix = "\"}]}";
        string body = prefix + new string('x', size - prefix.Length - suffix.Length) + suffix;
        Assert.Equal(size, Encoding.UTF8.GetByteCount(body));
        return Encoding.UTF8.GetBytes(body);
    }
}
