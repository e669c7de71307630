using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.AspNetCore.Tests;

public sealed class ThingSyncTests : IAsyncLifetime
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
    public async Task PlanThenApply_TemplatesChanged_CreatesRecreatesDeletesOnceAndIsIdempotent()
    {
        using CallbackSender callbacks = _host.Callbacks();
        Assert.Equal(HttpStatusCode.Created, (await callbacks.InstallAsync("inst-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"3"}]""")).StatusCode);
        Assert.Equal(3, _platform.ThingCreations().Count);

        // The new connector version: lamp-1 as before, lamp-2 gains a property, lamp-3 is gone, lamp-4 is new.
        Thing dimmable = new ThingBuilder("Lamp 2", "core.LIGHT")
            .WithManufacturer("ACME")
            .AddComponent("lamp", "core.Lamp", component => component
                .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue("false"))
                .AddProperty("brightness", PropertyValueType.Number)
                .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
            .Build();
        _host.Behavior.Things = _ =>
        [
            new ThingTemplate("lamp-1", TestConnectorBehavior.Lamp("Lamp 1")),
            new ThingTemplate("lamp-2", dimmable),
            new ThingTemplate("lamp-4", TestConnectorBehavior.Lamp("Lamp 4")),
        ];
        var synchronizer = _host.Services.GetRequiredService<IThingSynchronizer>();

        ThingSyncReport plan = await synchronizer.PlanAsync();

        InstanceSyncReport planned = Assert.Single(plan.Instances);
        Assert.False(plan.Applied);
        Assert.Equal(["lamp-4"], planned.Missing);
        Assert.Equal(["lamp-2"], planned.Changed);
        Assert.Equal(["lamp-3"], planned.Obsolete);
        Assert.Equal(3, _platform.ThingCreations().Count);

        ThingSyncReport applied = await synchronizer.ApplyAsync();

        Assert.True(applied.Applied);
        Assert.Null(Assert.Single(applied.Instances).Error);
        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3", "Lamp 2", "Lamp 4"], _platform.CreatedThingNames());
        IReadOnlyList<(string ExternalId, string ThingId)> things = await _host.Services.GetRequiredService<IConnectorPlatform>().GetThingsAsync("i-1");
        Assert.Equal([("lamp-1", "thing-1"), ("lamp-2", "thing-4"), ("lamp-4", "thing-5")], things);
        await WaitUntilAsync(() => _platform.Requests("DELETE", FakePlatformApi.ThingsPath).Count == 2);
        Assert.Equal(
            [$"{FakePlatformApi.ThingsPath}/thing-2", $"{FakePlatformApi.ThingsPath}/thing-3"],
            _platform.Requests("DELETE", FakePlatformApi.ThingsPath).Select(entry => entry.RequestMessage.Path).Order());

        Assert.True((await synchronizer.PlanAsync()).IsInLine);
        ThingSyncReport again = await synchronizer.ApplyAsync();
        Assert.True(again.IsInLine);
        Assert.Equal(5, _platform.ThingCreations().Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(50);
        }
    }
}
