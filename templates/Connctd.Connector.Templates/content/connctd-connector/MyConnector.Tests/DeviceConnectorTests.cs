using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;

namespace MyConnector.Tests;

public sealed class DeviceConnectorTests : IAsyncLifetime
{
    private ConnectorHost _host = null!;

    private FakeConnctdPlatform Platform => _host.Platform;

    private ConnectorUnderTest Connector => _host.Connector;

    public async Task InitializeAsync() => _host = await ConnectorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string> Parameters(string name, string value) => new() { [name] = value };

    [Fact]
    public async Task Install_SignedCallback_Answers201()
    {
        SetupCallbackResponse installation = await Connector.InstallAsync();

        Assert.Equal(201, installation.StatusCode);
        Assert.Equal(LifecycleState.Complete, installation.State);
    }

    [Fact]
    public async Task Instantiate_SignedCallback_CreatesTheDevice()
    {
        SetupCallbackResponse instance = await Connector.InstallAndInstantiateAsync();

        Assert.Equal(201, instance.StatusCode);
        RecordedThing device = Assert.Single(Platform.GetThings(instance.Id));
        Assert.Equal("Device", device.Thing.Name);
        Assert.Equal("false", device.GetPropertyValue("switch", "on"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task SetOn_ValidValue_Answers204AndReportsTheValue(string value)
    {
        SetupCallbackResponse instance = await Connector.InstallAndInstantiateAsync();
        string thingId = Assert.Single(Platform.GetThings(instance.Id)).ThingId;

        ActionCallbackResponse action = await Connector.SendActionAsync(thingId, "switch", "setOn", Parameters("on", value));

        Assert.Equal(204, action.StatusCode);
        await Platform.WaitForPropertyAsync(thingId, "switch", "on", value);
    }

    [Fact]
    public async Task SetOn_BadParameter_Answers400()
    {
        SetupCallbackResponse instance = await Connector.InstallAndInstantiateAsync();
        string thingId = Assert.Single(Platform.GetThings(instance.Id)).ThingId;

        ActionCallbackResponse action = await Connector.SendActionAsync(thingId, "switch", "setOn", Parameters("on", "maybe"));

        Assert.Equal(400, action.StatusCode);
    }

    [Theory]
    [InlineData(CallbackSigning.MissingSignature)]
    [InlineData(CallbackSigning.WrongKey)]
    [InlineData(CallbackSigning.TamperedBody)]
    [InlineData(CallbackSigning.StaleDate)]
    public async Task Install_BadlySigned_Refused(CallbackSigning signing)
    {
        SetupCallbackResponse installation = await Connector.InstallAsync(signing: signing);

        Assert.Equal(400, installation.StatusCode);
        Assert.Empty(Platform.Things);
    }
}
