using System.Net;

namespace MyConnector.Tests;

public sealed class DeviceConnectorTests : IAsyncLifetime
{
    private const string ThingsPath = "/api/v1/connectorhub/callback/instances/things";
    private readonly ConnectorHost _host = new();

    public async Task InitializeAsync() => await _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> InstallAsync() =>
        _host.PostSignedAsync("/connctd/installations", """{"id":"inst-1","token":"installation-token","state":1,"configuration":[]}""");

    private Task<HttpResponseMessage> InstantiateAsync() =>
        _host.PostSignedAsync("/connctd/instances", """{"id":"i-1","installation_id":"inst-1","token":"instance-token","state":1,"configuration":[]}""");

    [Fact]
    public async Task Install_SignedCallback_Answers201()
    {
        using HttpResponseMessage response = await InstallAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Instantiate_SignedCallback_CreatesTheDeviceOnThePlatform()
    {
        using HttpResponseMessage installed = await InstallAsync();
        using HttpResponseMessage instantiated = await InstantiateAsync();

        Assert.Equal(HttpStatusCode.Created, instantiated.StatusCode);
        var thing = Assert.Single(_host.PlatformCalls("POST", ThingsPath)).GetProperty("thing");
        Assert.Equal("Device", thing.GetProperty("name").GetString());
        Assert.Equal("switch", thing.GetProperty("mainComponentId").GetString());
    }

    [Fact]
    public async Task Action_SetOn_Answers204AndReportsTheNewValue()
    {
        using HttpResponseMessage installed = await InstallAsync();
        using HttpResponseMessage instantiated = await InstantiateAsync();

        using HttpResponseMessage acted = await _host.PostSignedAsync(
            "/connctd/actions",
            """{"id":"a-1","thingId":"thing-1","componentId":"switch","actionId":"setOn","status":"PENDING","parameters":{"on":"true"}}""");

        Assert.Equal(HttpStatusCode.NoContent, acted.StatusCode);
        string propertyPath = $"{ThingsPath}/thing-1/components/switch/properties/on";
        await ConnectorHost.WaitUntilAsync(() => _host.PlatformCalls("PUT", propertyPath).Count > 0, "the platform got the new value");
        Assert.Equal("true", _host.PlatformCalls("PUT", propertyPath)[^1].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Action_BadParameter_Answers400()
    {
        using HttpResponseMessage installed = await InstallAsync();
        using HttpResponseMessage instantiated = await InstantiateAsync();

        using HttpResponseMessage acted = await _host.PostSignedAsync(
            "/connctd/actions",
            """{"id":"a-2","thingId":"thing-1","componentId":"switch","actionId":"setOn","status":"PENDING","parameters":{"on":"maybe"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, acted.StatusCode);
    }

    [Fact]
    public async Task Install_Unsigned_Refused()
    {
        using HttpResponseMessage response = await _host.PostUnsignedAsync(
            "/connctd/installations", """{"id":"inst-1","token":"installation-token","state":1,"configuration":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.PlatformCalls("POST", ThingsPath));
    }
}
