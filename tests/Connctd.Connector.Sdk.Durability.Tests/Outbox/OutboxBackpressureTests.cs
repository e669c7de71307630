using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>The outbox is bounded: when it is full a new key is refused, while a queued property still takes new values.</summary>
public abstract class OutboxBackpressureTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task UpdateProperty_OutboxFull_NewPropertyThrowsWhileAQueuedPropertyIsStillReplaced()
    {
        // Failed attempts wait a minute, so every queued message sits unleased (replaceable) once it has failed once.
        ConnectorHost host = await StartHostAsync(settings =>
        {
            settings["Connctd:Outbox:Capacity"] = "100";
            settings["Connctd:Outbox:RetryDelay"] = "00:01:00";
            settings["Connctd:Outbox:MaxRetryDelay"] = "00:01:00";
        });
        using var enqueued = EnqueuedMetric(host);
        using var deliveries = DeliveriesMetric(host);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 11, properties: 10);
        IReadOnlyList<PropertyKey> properties = ProducedUpdates.Properties(devices: 11, properties: 10);
        var produced = new ProducedUpdates();
        Platform.Faults.FailFor(TimeSpan.FromMinutes(10));

        foreach (PropertyKey property in properties.Take(100))
        {
            await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(property));
        }

        await EventuallyAsync(
            () => Task.FromResult(Sum(deliveries, ConnctdTagNames.OutboxOutcome, "retried") >= 100),
            () => $"every message to have failed once ({Sum(deliveries, ConnctdTagNames.OutboxOutcome, "retried")} retries)");

        var refused = new ProducedUpdate(properties[100], "v0", ProducedUpdates.DeviceEpoch);
        await Assert.ThrowsAsync<OutboxFullException>(() => ProducedUpdates.QueueAsync(host.Platform, instanceId, refused));
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(properties[0]));

        Assert.Equal(100, Sum(enqueued, ConnctdTagNames.OutboxResult, "Enqueued"));
        Assert.Equal(1, Sum(enqueued, ConnctdTagNames.OutboxResult, "Full"));
        Assert.Equal(1, Sum(enqueued, ConnctdTagNames.OutboxResult, "Coalesced"));
        Assert.Equal(100, (await Store.Open().GetOutboxStatisticsAsync(CancellationToken.None)).Depth);
    }

    /// <summary>
    /// The queued value of a property is in delivery when its next value comes, so it cannot be replaced: the new value
    /// is queued behind it even though the outbox is full (at most one more message per property in delivery).
    /// </summary>
    [Fact]
    public async Task UpdateProperty_OutboxFullWhileTheQueuedValueIsInDelivery_NewValueIsStillAccepted()
    {
        var probe = new InFlightProbe();
        ConnectorHost host = await StartHostAsync(
            settings => settings["Connctd:Outbox:Capacity"] = "2",
            services => services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(probe.CreateHandler)));
        using var enqueued = EnqueuedMetric(host);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 3);
        var first = new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0));
        var second = new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(1));
        var produced = new ProducedUpdates();

        TaskCompletionSource hold = probe.HoldNext();
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(first));
        await EventuallyAsync(() => Task.FromResult(probe.Started == 1), () => "the first value in delivery");
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(second));

        // Full: a new property is refused; the property in delivery takes a new value, and the one after replaces it.
        var refused = new ProducedUpdate(new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(2)), "v0", ProducedUpdates.DeviceEpoch);
        await Assert.ThrowsAsync<OutboxFullException>(() => ProducedUpdates.QueueAsync(host.Platform, instanceId, refused));
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(first));
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(first));
        Assert.Equal(3, Sum(enqueued, ConnctdTagNames.OutboxResult, "Enqueued"));
        Assert.Equal(1, Sum(enqueued, ConnctdTagNames.OutboxResult, "Coalesced"));
        Assert.Equal(1, Sum(enqueued, ConnctdTagNames.OutboxResult, "Full"));

        hold.SetResult();
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();
        Assert.Equal(3, AssertDeliveredInOrder(instanceId, produced));
    }
}

public sealed class SqliteOutboxBackpressureTests() : OutboxBackpressureTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxBackpressureTests() : OutboxBackpressureTests(StoreKind.PostgreSql);
