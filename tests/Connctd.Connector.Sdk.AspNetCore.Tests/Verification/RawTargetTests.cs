using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Verification;

/// <summary>The signature covers the request target exactly as sent: percent-encoding and query untouched.</summary>
public sealed class RawTargetTests(SharedHost shared) : IClassFixture<SharedHost>, IDisposable
{
    private readonly CallbackSender _callbacks = shared.Host.Callbacks();

    public void Dispose() => _callbacks.Dispose();

    [Theory]
    [InlineData("/connctd/instances/a%2Fb?x=1%202")]
    [InlineData("/connctd/instances/a%2fb?x=1+2&y=%C3%A4")]
    [InlineData("/connctd/instances/%69-1?q=%3F%26")]
    [InlineData("/connctd/instances/i-1?")]
    public async Task RemoveInstance_EncodedTargetSignedAsSent_Answers204(string target)
    {
        RawResponse response = await _callbacks.SendRawAsync("DELETE", target);

        Assert.Equal(204, response.Status);
    }

    [Theory]
    [InlineData("/connctd/instances/a%2Fb?x=1%202", "/connctd/instances/a/b?x=1 2")]
    [InlineData("/connctd/instances/a%2Fb?x=1%202", "/connctd/instances/a%2Fb?x=1+2")]
    [InlineData("/connctd/instances/a%2fb?x=1", "/connctd/instances/a%2Fb?x=1")]
    [InlineData("/connctd/instances/%69-1", "/connctd/instances/i-1")]
    [InlineData("/connctd/instances/i-1?", "/connctd/instances/i-1")]
    public async Task RemoveInstance_SignedOverDecodedOrReencodedTarget_Answers400BadSignature(string sent, string signedTarget)
    {
        RawResponse response = await _callbacks.SendRawAsync("DELETE", sent, signedTarget: signedTarget);

        ProtocolAssert.Error(response, 400, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task Install_EncodedQuerySignedAsSent_Answers201()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"id":"raw-1","token":"t","state":1,"configuration":[]}""");

        RawResponse response = await _callbacks.SendRawAsync("POST", "/connctd/installations?next=%2Fhome%3Fa%3D1&b=%20", body);

        Assert.Equal(201, response.Status);
        Assert.NotNull(await shared.Host.Store.GetInstallationAsync("raw-1", CancellationToken.None));
    }

    [Fact]
    public async Task RemoveInstance_EncodedTargetThroughHttpClient_Answers204()
    {
        // HttpClient keeps %2F and %20 as written; this guards the raw-socket tests' assumption that clients send the target verbatim.
        using HttpResponseMessage response = await _callbacks.SendAsync(HttpMethod.Delete, "/connctd/instances/a%2Fb?x=1%202", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
