using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;
using Xunit.Abstractions;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>A device floods one property while the platform is slow: queued values are superseded by newer ones.</summary>
public abstract class OutboxCoalescingTests(StoreKind kind, ITestOutputHelper output) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task UpdateProperty_TenThousandRapidValuesWhilePlatformIsSlow_FarFewerCallsAndTheLastValueLast()
    {
        const int Values = 10_000;
        ConnectorHost host = await StartHostAsync();
        using var enqueued = EnqueuedMetric(host);
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 1);
        // Each call takes at least 100 ms, so however fast the values come, calls are bounded by time, not by their number.
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(100), operation: PlatformOperation.UpdateProperty);
        var property = new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0));
        var produced = new ProducedUpdates();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int value = 0; value < Values; value++)
        {
            await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(property));
        }

        TimeSpan queueing = clock.Elapsed;

        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        int arrived = AssertDeliveredInOrder(instanceId, produced);
        int calls = Platform.Requests.Count(request => request.Operation == PlatformOperation.UpdateProperty);
        output.WriteLine($"{Kind}: {Values} values queued in {queueing.TotalSeconds:F1} s, delivered in {calls} calls");
        Assert.True(calls < Values / 10, $"{calls} calls for {Values} values");
        Assert.Equal(arrived, calls);
        Assert.Equal(arrived, Sum(enqueued, ConnctdTagNames.OutboxResult, "Enqueued"));
        Assert.Equal(Values - arrived, Sum(enqueued, ConnctdTagNames.OutboxResult, "Coalesced"));
    }
}

public sealed class SqliteOutboxCoalescingTests(ITestOutputHelper output) : OutboxCoalescingTests(StoreKind.Sqlite, output);

public sealed class PostgreSqlOutboxCoalescingTests(ITestOutputHelper output) : OutboxCoalescingTests(StoreKind.PostgreSql, output);
