using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

namespace Connctd.Connector.Sdk.AspNetCore.Tests;

public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly FakePlatformApi _platform = new();
    private ConnectorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ConnectorTestHost.Create(_platform).StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _platform.Dispose();
    }

    [Fact]
    public async Task FullLifecycle_InstallInstantiateActRemoveUninstall_AnswersProtocolStatuses()
    {
        using CallbackSender callbacks = _host.Callbacks();

        using HttpResponseMessage installed = await callbacks.InstallAsync("inst-1");
        Assert.Equal(HttpStatusCode.Created, installed.StatusCode);

        using HttpResponseMessage instantiated = await callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"3"}]""");
        Assert.Equal(HttpStatusCode.Created, instantiated.StatusCode);
        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], _platform.CreatedThingNames());

        using HttpResponseMessage acted = await callbacks.ActAsync("a-1", "thing-2");
        Assert.Equal(HttpStatusCode.NoContent, acted.StatusCode);

        using HttpResponseMessage removed = await callbacks.RemoveInstanceAsync("i-1");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        using HttpResponseMessage uninstalled = await callbacks.UninstallAsync("inst-1");
        Assert.Equal(HttpStatusCode.NoContent, uninstalled.StatusCode);
        Assert.Equal(["install:inst-1", "instantiate:i-1", "things:i-1", "action:a-1", "remove:i-1", "uninstall:inst-1"], _host.Behavior.Calls);
    }
}
