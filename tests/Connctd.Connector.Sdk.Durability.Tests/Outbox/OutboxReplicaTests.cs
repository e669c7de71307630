using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>
/// Two connector hosts (each with its own content root, as two machines would have) on one store share the outbox:
/// both queue updates, both deliver. PostgreSQL is the store for replicas; the SQLite file may be shared by several
/// processes on one machine too, so the same suite runs against it.
/// </summary>
public abstract class OutboxReplicaTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task Deliver_TwoHostsQueueValuesOfTheSameProperties_EachPropertyInOrderNoneLostOrDoubled()
    {
        ConnectorHost first = await StartHostAsync();
        ConnectorHost second = await StartHostAsync();
        ConnectorHost[] hosts = [first, second];
        using var enqueuedFirst = EnqueuedMetric(first);
        using var enqueuedSecond = EnqueuedMetric(second);
        using var deliveredFirst = DeliveriesMetric(first);
        using var deliveredSecond = DeliveriesMetric(second);
        string instanceId = await InstantiateAsync(first.BaseAddress, devices: 4, properties: 5);
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(5));
        Platform.Faults.FailNext(20);
        var produced = new ProducedUpdates();

        // Properties are produced concurrently; one property's values one after the other, alternating between the hosts.
        await Task.WhenAll(ProducedUpdates.Properties(devices: 4, properties: 5).Select((property, index) => Task.Run(async () =>
        {
            for (int value = 0; value < 15; value++)
            {
                await ProducedUpdates.QueueAsync(hosts[(index + value) % 2].Platform, instanceId, produced.Next(property));
            }
        })));
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        int arrived = AssertDeliveredInOrder(instanceId, produced);
        Assert.Equal(Sum(enqueuedFirst, ConnctdTagNames.OutboxResult, "Enqueued") + Sum(enqueuedSecond, ConnctdTagNames.OutboxResult, "Enqueued"), arrived);
        Assert.Equal(Sum(deliveredFirst, ConnctdTagNames.OutboxOutcome, "delivered") + Sum(deliveredSecond, ConnctdTagNames.OutboxOutcome, "delivered"), arrived);
    }

    [Fact]
    public async Task Deliver_TwoHostsQueueOneValuePerProperty_EachValueArrivesExactlyOnce()
    {
        ConnectorHost first = await StartHostAsync();
        ConnectorHost second = await StartHostAsync();
        using var enqueuedFirst = EnqueuedMetric(first);
        using var enqueuedSecond = EnqueuedMetric(second);
        string instanceId = await InstantiateAsync(second.BaseAddress, devices: 4, properties: 40);
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(5));
        Platform.Faults.FailNext(20);
        var produced = new ProducedUpdates();
        IReadOnlyList<PropertyKey> properties = ProducedUpdates.Properties(devices: 4, properties: 40);

        // No coalescing can happen: every update is the only one of its property.
        await Task.WhenAll(
            Task.Run(async () =>
            {
                foreach (PropertyKey property in properties.Where((_, index) => index % 2 == 0))
                {
                    await ProducedUpdates.QueueAsync(first.Platform, instanceId, produced.Next(property));
                }
            }),
            Task.Run(async () =>
            {
                foreach (PropertyKey property in properties.Where((_, index) => index % 2 == 1))
                {
                    await ProducedUpdates.QueueAsync(second.Platform, instanceId, produced.Next(property));
                }
            }));
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        Assert.Equal(properties.Count, AssertDeliveredInOrder(instanceId, produced));
        Assert.Equal(properties.Count, Sum(enqueuedFirst, ConnctdTagNames.OutboxResult, "Enqueued") + Sum(enqueuedSecond, ConnctdTagNames.OutboxResult, "Enqueued"));
    }

    /// <summary>
    /// One host leases a batch it can only deliver one message at a time while the platform is slow, so the batch
    /// outlasts its lease; the other host takes over the expired messages. A message must not then be delivered by both.
    /// </summary>
    [Fact]
    public async Task Deliver_LeasedBatchOutlastsItsLease_NoMessageIsDeliveredTwice()
    {
        Action<Dictionary<string, string?>> settings = values =>
        {
            values["Connctd:Outbox:MaxConcurrentDeliveries"] = "1";
            // Calls take 1.2 s of a 4 s budget (room for a loaded machine: a call that timed out after the platform took
            // the value would be sent again, rightly, and fail this test for the wrong reason); a batch of seven takes
            // 8.4 s one at a time, well past its 6 s lease.
            values["Connctd:Outbox:LeaseDuration"] = "00:00:06";
            values["Connctd:Resilience:AttemptTimeout"] = "00:00:04";
            values["Connctd:Resilience:TotalTimeout"] = "00:00:04";
        };
        var probe = new InFlightProbe();
        ConnectorHost first = await StartHostAsync(settings, services => services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(probe.CreateHandler)));
        string instanceId = await InstantiateAsync(first.BaseAddress, devices: 1, properties: 8);
        IReadOnlyList<PropertyKey> properties = ProducedUpdates.Properties(devices: 1, properties: 8);
        var produced = new ProducedUpdates();
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(1200), operation: PlatformOperation.UpdateProperty);

        // While the first value is held in flight, the other seven are queued; the first host then leases them in one batch.
        TaskCompletionSource hold = probe.HoldNext();
        await ProducedUpdates.QueueAsync(first.Platform, instanceId, produced.Next(properties[0]));
        await EventuallyAsync(() => Task.FromResult(probe.Started == 1), () => "the first value in flight");
        foreach (PropertyKey property in properties.Skip(1))
        {
            await ProducedUpdates.QueueAsync(first.Platform, instanceId, produced.Next(property));
        }

        hold.SetResult();
        await EventuallyAsync(async () => await Store.LeasedCountAsync() == 7, () => "seven messages leased in one batch");
        await StartHostAsync(settings);
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        // Let a delivery that the first host might still start arrive before counting.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(properties.Count, AssertDeliveredInOrder(instanceId, produced));
    }

    /// <summary>
    /// A call still waiting for the platform when its lease runs out is given up (another replica may own the message
    /// by then and must not be overtaken by a late, older value); the attempt counts and the message is delivered again.
    /// </summary>
    [Fact]
    public async Task Deliver_CallOutlastsItsLease_CutOffAtTheLeaseEndAndDeliveredOnceAfterwards()
    {
        Action<Dictionary<string, string?>> settings = values =>
        {
            values["Connctd:Outbox:LeaseDuration"] = "00:00:02";
            values["Connctd:Outbox:RetryDelay"] = "00:00:00.100";
            values["Connctd:Resilience:AttemptTimeout"] = "00:01:00";
            values["Connctd:Resilience:TotalTimeout"] = "00:01:00";
        };
        ConnectorHost host = await StartHostAsync(settings);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 1);
        var produced = new ProducedUpdates();
        Platform.Faults.AddLatency(TimeSpan.FromMinutes(5), count: 1, operation: PlatformOperation.UpdateProperty);

        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(ProducedUpdates.Properties(devices: 1, properties: 1)[0]));
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        // The first call was dropped by the connector at the end of its lease, long before the platform would have answered.
        RecordedRequest[] calls = [.. Platform.Requests.Where(request => request.Operation == PlatformOperation.UpdateProperty).OrderBy(request => request.Sequence)];
        Assert.Equal(2, calls.Length);
        Assert.Equal(0, calls[0].StatusCode);
        Assert.True(calls[1].Accepted, calls[1].ToString());
        Assert.Equal(1, AssertDeliveredInOrder(instanceId, produced));
    }
}

public sealed class SqliteOutboxReplicaTests() : OutboxReplicaTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxReplicaTests() : OutboxReplicaTests(StoreKind.PostgreSql);
