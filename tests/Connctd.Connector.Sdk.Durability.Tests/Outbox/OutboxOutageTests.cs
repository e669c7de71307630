using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>The platform is down for a while (503s, then timeouts, then dropped connections), then up again.</summary>
public abstract class OutboxOutageTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task Deliver_PlatformDownThenUp_EveryValueArrivesOnceInOrderWithItsDeviceTimestamp()
    {
        ConnectorHost host = await StartHostAsync();
        using var enqueued = EnqueuedMetric(host);
        using var deliveries = DeliveriesMetric(host);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 3, properties: 3);
        IReadOnlyList<PropertyKey> properties = ProducedUpdates.Properties(devices: 3, properties: 3);
        var produced = new ProducedUpdates();
        string thingId = ThingIds(Platform, instanceId)[DeviceConnector.ExternalId(1)];
        ConnectorUnderTest sender = Platform.ConnectTo(host.BaseAddress, DurabilityApp.CallbackPath);
        var parameters = new Dictionary<string, string> { ["amount"] = "1" };
        ActionCallbackResponse completed = await sender.SendActionAsync(thingId, DeviceConnector.Component, DeviceConnector.WorkAction, parameters);
        ActionCallbackResponse failed = await sender.SendActionAsync(thingId, DeviceConnector.Component, DeviceConnector.WorkAction, parameters);

        // Down: 503 Service Unavailable. Besides property values: the thing's status flaps, two pending actions finish.
        Platform.Faults.FailFor(TimeSpan.FromMinutes(10));
        await QueueAsync(host, instanceId, produced.NextRounds(properties, rounds: 4));
        ThingReference thing = ThingReference.ById(thingId);
        await host.Platform.UpdateThingStatusAsync(thing, ThingStatus.Unavailable);
        await host.Platform.UpdateThingStatusAsync(thing, ThingStatus.Available);
        await host.Platform.UpdateThingStatusAsync(thing, ThingStatus.Unavailable);
        await host.Platform.CompleteActionAsync(completed.ActionRequestId);
        await host.Platform.FailActionAsync(failed.ActionRequestId, "the device did not answer");
        await Platform.WaitUntilAsync(
            platform => platform.Requests.Any(request => request.Operation == PlatformOperation.UpdateProperty && request.StatusCode == 503),
            "a property update answered 503");

        // Still down: calls time out (the platform answers after the connector's attempt timeout).
        Platform.Faults.Clear();
        Platform.Faults.AddLatency(TimeSpan.FromSeconds(10));
        await QueueAsync(host, instanceId, produced.NextRounds(properties, rounds: 4));
        await Platform.WaitUntilAsync(
            platform => platform.Requests.Any(request =>
                request.Operation == PlatformOperation.UpdateProperty && request.StatusCode == 0 && request.Fault == PlatformFaultKind.None),
            "a property update the connector gave up waiting for");

        // Still down: connections are dropped.
        Platform.Faults.Clear();
        Platform.Faults.DropFor(TimeSpan.FromMinutes(10));
        await QueueAsync(host, instanceId, produced.NextRounds(properties, rounds: 4));
        await Platform.WaitUntilAsync(
            platform => platform.Requests.Any(request => request.Operation == PlatformOperation.UpdateProperty && request.Fault == PlatformFaultKind.ConnectionDropped),
            "a dropped property update");

        // Up again.
        Platform.Faults.Clear();
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        int arrived = AssertDeliveredInOrder(instanceId, produced);
        Assert.Equal(Sum(enqueued, ConnctdTagNames.OutboxResult, "Enqueued"), arrived);
        Assert.Equal(Sum(deliveries, ConnctdTagNames.OutboxOutcome, "delivered"), arrived);
        Assert.True(Sum(deliveries, ConnctdTagNames.OutboxOutcome, "retried") > 0);

        // The status ends as last reported (earlier ones may have been superseded); both action results arrived, once.
        Assert.Equal(ThingStatus.Unavailable, Platform.GetThing(thingId)!.Thing.Status);
        Assert.Equal(ThingStatus.Unavailable, Platform.ThingStatusUpdates[^1].Status);
        Assert.Equal(
            [(completed.ActionRequestId, ActionStatus.Completed), (failed.ActionRequestId, ActionStatus.Failed)],
            Platform.ActionUpdates.Select(update => (update.ActionRequestId, update.Status)).Order().ToArray());
    }

    [Fact]
    public async Task Deliver_ValuesQueuedOneByOneWhilePlatformUp_EveryValueArrivesOnceInOrder()
    {
        ConnectorHost host = await StartHostAsync();
        using var enqueued = EnqueuedMetric(host);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 2, properties: 2);
        var produced = new ProducedUpdates();
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(5));
        Platform.Faults.FailNext(5);

        await QueueAsync(host, instanceId, produced.NextRounds(ProducedUpdates.Properties(devices: 2, properties: 2), rounds: 25));
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        int arrived = AssertDeliveredInOrder(instanceId, produced);
        Assert.Equal(Sum(enqueued, ConnctdTagNames.OutboxResult, "Enqueued"), arrived);
    }

    private static async Task QueueAsync(ConnectorHost host, string instanceId, IEnumerable<ProducedUpdate> updates)
    {
        foreach (ProducedUpdate update in updates)
        {
            await ProducedUpdates.QueueAsync(host.Platform, instanceId, update);
        }
    }
}

public sealed class SqliteOutboxOutageTests() : OutboxOutageTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxOutageTests() : OutboxOutageTests(StoreKind.PostgreSql);
