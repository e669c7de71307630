using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>A permanent refusal (4xx other than 408/429) is dead-lettered at once, and the worker goes on.</summary>
public abstract class OutboxDeadLetterTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task Deliver_PlatformRefusesWith404And409_DeadLettersThemAndDeliversTheNextMessages()
    {
        ConnectorHost host = await StartHostAsync();
        using var deliveries = DeliveriesMetric(host);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 2);
        string thingId = ThingIds(Platform, instanceId)[DeviceConnector.ExternalId(1)];
        ConnectorUnderTest sender = Platform.ConnectTo(host.BaseAddress, DurabilityApp.CallbackPath);
        ActionCallbackResponse action = await sender.SendActionAsync(
            thingId, DeviceConnector.Component, DeviceConnector.WorkAction, new Dictionary<string, string> { ["amount"] = "1" });
        Assert.Equal(ActionStatus.Pending, action.Status);
        Assert.True(Platform.CancelActionRequest(action.ActionRequestId));
        var produced = new ProducedUpdates();
        var first = new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0));
        var second = new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(1));
        ThingReference thing = ThingReference.ByExternalId(instanceId, DeviceConnector.ExternalId(1));

        // 404: the thing has no such property. 409: the platform canceled the action already.
        await host.Platform.UpdatePropertyAsync(thing, DeviceConnector.Component, "missing-a", "x");
        await host.Platform.CompleteActionAsync(action.ActionRequestId);
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(first));
        await host.Platform.UpdatePropertyAsync(thing, DeviceConnector.Component, "missing-b", "y");
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(second));
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(first));

        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        AssertDeliveredInOrder(instanceId, produced);
        IReadOnlyList<DeadLetter> deadLetters = await host.Store.ListDeadLettersAsync(10, CancellationToken.None);
        Assert.Equal(
            [(OutboxOperation.UpdatePropertyValue, 404), (OutboxOperation.UpdatePropertyValue, 404), (OutboxOperation.UpdateActionRequest, 409)],
            deadLetters.Select(deadLetter => (deadLetter.Message.Operation, deadLetter.StatusCode)).Order().ToArray());
        Assert.Contains(deadLetters, deadLetter => deadLetter.Message.Payload.Contains("missing-a", StringComparison.Ordinal));
        Assert.Contains(deadLetters, deadLetter => deadLetter.Message.Payload.Contains("missing-b", StringComparison.Ordinal));
        Assert.Equal(2, Sum(deliveries, ConnctdTagNames.OutboxOutcome, "dead_lettered", OutboxOperation.UpdatePropertyValue));
        Assert.Equal(1, Sum(deliveries, ConnctdTagNames.OutboxOutcome, "dead_lettered", OutboxOperation.UpdateActionRequest));
        Assert.Equal(0, Sum(deliveries, ConnctdTagNames.OutboxOutcome, "retried", OutboxOperation.UpdatePropertyValue));
        Assert.Equal(0, Sum(deliveries, ConnctdTagNames.OutboxOutcome, "retried", OutboxOperation.UpdateActionRequest));

        // Each refusal was tried once, never again.
        Assert.Equal(2, Platform.Requests.Count(request => request.Operation == PlatformOperation.UpdateProperty && request.StatusCode == 404));
        Assert.Equal(1, Platform.Requests.Count(request => request.Operation == PlatformOperation.UpdateActionRequest));
    }
}

public sealed class SqliteOutboxDeadLetterTests() : OutboxDeadLetterTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxDeadLetterTests() : OutboxDeadLetterTests(StoreKind.PostgreSql);
