using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>Paths and methods no callback answers: protocol error bodies with their codes.</summary>
public sealed class RoutingTests(SharedHost shared) : IClassFixture<SharedHost>, IDisposable
{
    private readonly CallbackSender _callbacks = shared.Host.Callbacks();

    public void Dispose() => _callbacks.Dispose();

    [Theory]
    [InlineData("POST", "/connctd/unknown")]
    [InlineData("GET", "/connctd/unknown/deeper/path")]
    [InlineData("POST", "/connctd/installations/inst-1/extra")]
    [InlineData("DELETE", "/connctd/actions/a-1")]
    [InlineData("GET", "/connctd")]
    public async Task Send_UnknownPath_Answers404NotFound(string method, string target)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(new HttpMethod(method), target, method == "POST" ? Encoding.UTF8.GetBytes("{}") : null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("GET", "/connctd/installations")]
    [InlineData("PUT", "/connctd/installations")]
    [InlineData("PATCH", "/connctd/instances")]
    [InlineData("GET", "/connctd/actions")]
    [InlineData("PUT", "/connctd/actions")]
    [InlineData("DELETE", "/connctd/actions")]
    [InlineData("GET", "/connctd/installations/inst-1")]
    [InlineData("POST", "/connctd/installations/inst-1")]
    [InlineData("PUT", "/connctd/instances/i-1")]
    [InlineData("OPTIONS", "/connctd/actions")]
    public async Task Send_KnownPathOtherMethod_Answers405MethodNotAllowed(string method, string target)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(new HttpMethod(method), target, method is "POST" or "PUT" or "PATCH" ? Encoding.UTF8.GetBytes("{}") : null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
    }

    [Theory]
    [InlineData("PROPFIND")]
    [InlineData("FOO")]
    public async Task Send_KnownPathNonStandardMethod_Answers405MethodNotAllowed(string method)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(new HttpMethod(method), "/connctd/actions", null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("GET", "/connctd/installations", "POST")]
    [InlineData("GET", "/connctd/instances/i-1", "DELETE")]
    public async Task Send_KnownPathOtherMethod_NamesAllowedMethod(string method, string target, string allowed)
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(new HttpMethod(method), target, null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([allowed], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Delete_InstancesWithoutId_Answers400MissingInstanceId()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Delete, "/connctd/instances", null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MissingInstanceId);
    }

    [Fact]
    public async Task Delete_InstallationsWithoutId_Answers400MissingInstallationId()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Delete, "/connctd/installations", null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MissingInstallationId);
    }

    [Fact]
    public async Task Delete_InstancesWithTrailingSlash_Answers400MissingInstanceId()
    {
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Delete, "/connctd/instances/", null);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MissingInstanceId);
    }
}
