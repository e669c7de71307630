using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>
/// <see cref="IConnectorPlatform"/> acts only on things the connector owns: a thing it never created, one of another
/// instance, one it deleted, or one of a removed instance is refused with <see cref="ThingNotFoundException"/>
/// before anything is queued, so no call with a foreign thing id ever reaches the platform.
/// </summary>
public sealed class ForeignThingTests : HostedTest
{
    private const string ForeignThingId = "thing-of-another-connector";

    [Fact]
    public async Task PlatformCalls_ThingIdNeverCreatedByTheConnector_RefusedAndNothingQueued()
    {
        await InstallAndInstantiateAsync();
        ThingReference foreign = ThingReference.ById(ForeignThingId);

        await AssertRefusedAsync(foreign);

        Assert.Equal(new OutboxStatistics(0, null, 0), await Host.Store.GetOutboxStatisticsAsync(CancellationToken.None));
        Assert.DoesNotContain(Platform.Server.LogEntries, entry => entry.RequestMessage.Path.Contains(ForeignThingId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlatformCalls_ExternalIdOnlyAnotherInstanceHas_Refused()
    {
        await InstallAndInstantiateAsync(instanceId: "i-1", lamps: 2);
        using HttpResponseMessage second = await Callbacks.InstantiateAsync("i-2", "inst-1", "instance-2-token", """[{"id":"lamps","value":"1"}]""");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        // lamp-2 is a thing of i-1 only; i-2 has lamp-1 alone.
        await AssertRefusedAsync(ThingReference.ByExternalId("i-2", "lamp-2"));
        await AssertRefusedAsync(ThingReference.ByExternalId("i-unknown", "lamp-1"));

        Assert.Equal(0, (await Host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth);

        // The owner's reference to the same thing goes through.
        string thingId = await ThingIdAsync("i-1", "lamp-2");
        await Host.ConnectorPlatform.UpdatePropertyAsync(ThingReference.ByExternalId("i-1", "lamp-2"), "lamp", "on", "true");
        await Eventually.UntilAsync(
            () => Platform.Requests("PUT", $"{FakePlatformApi.ThingsPath}/{thingId}/").Count == 1, $"the value of {thingId} to arrive");
    }

    [Fact]
    public async Task PlatformCalls_ThingTheConnectorDeleted_Refused()
    {
        await InstallAndInstantiateAsync(lamps: 2);
        string thingId = await ThingIdAsync("i-1", "lamp-1");

        await Host.ConnectorPlatform.DeleteThingAsync(ThingReference.ById(thingId));

        await AssertRefusedAsync(ThingReference.ById(thingId));
        await AssertRefusedAsync(ThingReference.ByExternalId("i-1", "lamp-1"));
    }

    [Fact]
    public async Task PlatformCalls_ThingOfARemovedInstance_Refused()
    {
        await InstallAndInstantiateAsync(lamps: 1);
        string thingId = await ThingIdAsync("i-1", "lamp-1");

        using HttpResponseMessage removed = await Callbacks.RemoveInstanceAsync("i-1");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AssertRefusedAsync(ThingReference.ById(thingId));
        await AssertRefusedAsync(ThingReference.ByExternalId("i-1", "lamp-1"));
    }

    /// <summary>Each call that names a thing is refused for <paramref name="thing"/>, naming it.</summary>
    private async Task AssertRefusedAsync(ThingReference thing)
    {
        IConnectorPlatform platform = Host.ConnectorPlatform;
        var refusals = new[]
        {
            await Assert.ThrowsAsync<ThingNotFoundException>(() => platform.UpdatePropertyAsync(thing, "lamp", "on", "true")),
            await Assert.ThrowsAsync<ThingNotFoundException>(() => platform.UpdateThingStatusAsync(thing, ThingStatus.Unavailable)),
            await Assert.ThrowsAsync<ThingNotFoundException>(() => platform.DeleteThingAsync(thing)),
        };
        Assert.All(refusals, refusal => Assert.Equal(thing, refusal.Thing));
    }

    private async Task<string> ThingIdAsync(string instanceId, string externalId) =>
        (await Host.ConnectorPlatform.GetThingsAsync(instanceId)).Single(thing => thing.ExternalId == externalId).ThingId;
}
