using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>
/// <see cref="IOutboxDrainer"/> on a host without background delivery (<c>Connctd:Outbox:BackgroundDelivery</c> off), as
/// a serverless host runs it: nothing is delivered until a drain, a drain delivers what is due through the worker's own
/// delivery path, a platform that is down costs one attempt per message and drain, and the time limit hands a call in
/// progress back unattempted.
/// </summary>
public abstract class OutboxDrainerTests(StoreKind kind) : DurabilityTestBase(kind)
{
    private static readonly IReadOnlyList<PropertyKey> Properties = ProducedUpdates.Properties(devices: 2, properties: 2);

    [Fact]
    public async Task Drain_BackgroundDeliveryOff_DeliversOnlyWhenDrainedInOrderAndEmptiesTheOutbox()
    {
        (ConnectorHost host, IOutboxDrainer drainer, string instanceId) = await StartAsync();
        var produced = new ProducedUpdates();

        await QueueAsync(host, instanceId, produced.NextRounds(Properties, rounds: 3));

        // Nothing delivers in the background: three rounds of four properties wait, the newer values replacing the older.
        Assert.Equal(Properties.Count, (await host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth);
        Assert.Empty(Platform.PropertyUpdates);

        OutboxDrainResult result = await drainer.DrainAsync(cancellationToken: CancellationToken.None);

        Assert.Equal(new OutboxDrainResult(Delivered: Properties.Count, Failed: 0, DeadLettered: 0, Remaining: 0), result);
        Assert.Equal(Properties.Count, AssertDeliveredInOrder(instanceId, produced));
        Dictionary<string, string> things = ThingIds(Platform, instanceId);
        Assert.All(Properties, property => Assert.Equal("v2", Platform.GetPropertyValue(things[property.ExternalId], DeviceConnector.Component, property.PropertyId)));
    }

    [Fact]
    public async Task Drain_PlatformDown_EachMessageFailsOnceAndALaterDrainDeliversIt()
    {
        (ConnectorHost host, IOutboxDrainer drainer, string instanceId) = await StartAsync();
        var produced = new ProducedUpdates();
        await QueueAsync(host, instanceId, produced.NextRounds(Properties, rounds: 1));
        Platform.Faults.FailFor(TimeSpan.FromMinutes(10));

        OutboxDrainResult down = await drainer.DrainAsync(new OutboxDrainOptions { TimeLimit = Patience }, CancellationToken.None);

        // Every message was attempted once (the retry delay is 50 ms, so they were due again long before the drain ended).
        Assert.Equal(new OutboxDrainResult(Delivered: 0, Failed: Properties.Count, DeadLettered: 0, Remaining: Properties.Count), down);
        Assert.InRange(Platform.Requests.Count(request => request.Operation == PlatformOperation.UpdateProperty), 1, Properties.Count);
        Assert.Empty(Platform.PropertyUpdates);

        // The platform is back: the next drain that finds the messages due (after their backoff) delivers them.
        Platform.Faults.Clear();
        int delivered = 0;
        OutboxDrainResult? last = null;
        await EventuallyAsync(
            async () =>
            {
                last = await drainer.DrainAsync(cancellationToken: CancellationToken.None);
                delivered += last.Delivered;
                return last.Remaining == 0;
            },
            () => $"an empty outbox after drains (last: {last})");

        Assert.Equal(Properties.Count, delivered);
        Assert.Equal(Properties.Count, AssertDeliveredInOrder(instanceId, produced));
    }

    [Fact]
    public async Task Drain_TimeLimitPassesDuringACall_HandsTheMessageBackUnattempted()
    {
        (ConnectorHost host, IOutboxDrainer drainer, string instanceId) = await StartAsync();
        await QueueAsync(host, instanceId, new ProducedUpdates().NextRounds(Properties, rounds: 1));
        Platform.Faults.AddLatency(TimeSpan.FromSeconds(30));

        OutboxDrainResult result = await drainer.DrainAsync(new OutboxDrainOptions { TimeLimit = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);

        Assert.Equal(new OutboxDrainResult(Delivered: 0, Failed: 0, DeadLettered: 0, Remaining: Properties.Count), result);

        // Handed back as they were: due now, no attempt counted, free for anyone to lease.
        IReadOnlyList<OutboxMessage> leased = await Store.Open().LeaseAsync("test", 100, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(Properties.Count, leased.Count);
        Assert.All(leased, message => Assert.Equal(0, message.Attempts));
    }

    [Fact]
    public async Task Drain_MessageLimit_AttemptsNoMoreThanTheLimit()
    {
        (ConnectorHost host, IOutboxDrainer drainer, string instanceId) = await StartAsync();
        await QueueAsync(host, instanceId, new ProducedUpdates().NextRounds(Properties, rounds: 1));

        OutboxDrainResult first = await drainer.DrainAsync(new OutboxDrainOptions { MaxMessages = 3 }, CancellationToken.None);
        OutboxDrainResult second = await drainer.DrainAsync(new OutboxDrainOptions { MaxMessages = 3 }, CancellationToken.None);

        Assert.Equal(new OutboxDrainResult(Delivered: 3, Failed: 0, DeadLettered: 0, Remaining: Properties.Count - 3), first);
        Assert.Equal(new OutboxDrainResult(Delivered: Properties.Count - 3, Failed: 0, DeadLettered: 0, Remaining: 0), second);
        Assert.Equal(Properties.Count, Platform.PropertyUpdates.Count);
    }

    [Fact]
    public async Task Drain_PlatformRefusesForGood_DeadLettersTheMessage()
    {
        (ConnectorHost host, IOutboxDrainer drainer, string instanceId) = await StartAsync();
        await QueueAsync(host, instanceId, new ProducedUpdates().NextRounds(Properties.Take(1), rounds: 1));
        Platform.Faults.FailNext(1, statusCode: 400, operation: PlatformOperation.UpdateProperty);

        OutboxDrainResult result = await drainer.DrainAsync(cancellationToken: CancellationToken.None);

        Assert.Equal(new OutboxDrainResult(Delivered: 0, Failed: 0, DeadLettered: 1, Remaining: 0), result);
        Assert.Equal(1, (await host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).DeadLetters);
    }

    [Fact]
    public async Task Drain_WhileTheBackgroundWorkerDelivers_EveryValueArrivesOnceInOrder()
    {
        ConnectorHost host = await StartHostAsync();
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 2, properties: 2);
        IOutboxDrainer drainer = host.Services.GetRequiredService<IOutboxDrainer>();
        var produced = new ProducedUpdates();
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(5));

        // Values queued one by one while drains run beside the worker: both lease from the same outbox.
        using var stop = new CancellationTokenSource();
        Task drains = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await drainer.DrainAsync(new OutboxDrainOptions { TimeLimit = TimeSpan.FromSeconds(5) }, CancellationToken.None);
                await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None); // pacing only: an empty outbox answers at once
            }
        });
        await QueueAsync(host, instanceId, produced.NextRounds(Properties, rounds: 20));
        await WaitForLastValuesAsync(instanceId, produced);
        await stop.CancelAsync();
        await drains;
        await WaitForEmptyOutboxAsync();

        AssertDeliveredInOrder(instanceId, produced);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1000, 10)]
    [InlineData(1000, 0)]
    public async Task Drain_LimitNotPositive_ThrowsArgumentOutOfRange(int timeLimitMilliseconds, int maxMessages)
    {
        (_, IOutboxDrainer drainer, _) = await StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => drainer.DrainAsync(
            new OutboxDrainOptions { TimeLimit = TimeSpan.FromMilliseconds(timeLimitMilliseconds), MaxMessages = maxMessages }, CancellationToken.None));
    }

    [Fact]
    public async Task Drain_Cancelled_ThrowsAndHandsTheCallInProgressBack()
    {
        (ConnectorHost host, IOutboxDrainer drainer, string instanceId) = await StartAsync();
        await QueueAsync(host, instanceId, new ProducedUpdates().NextRounds(Properties.Take(1), rounds: 1));
        Platform.Faults.AddLatency(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();
        Task<OutboxDrainResult> drain = drainer.DrainAsync(new OutboxDrainOptions { TimeLimit = Patience }, cancel.Token);
        await EventuallyAsync(async () => drain.IsCompleted || await Store.LeasedCountAsync() == 1, () => "the drain to lease the message");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
        IReadOnlyList<OutboxMessage> leased = await Store.Open().LeaseAsync("test", 100, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(0, Assert.Single(leased).Attempts);
    }

    /// <summary>A host without background delivery, installed and instantiated, with the outbox drained of what instantiation queued.</summary>
    private async Task<(ConnectorHost Host, IOutboxDrainer Drainer, string InstanceId)> StartAsync()
    {
        ConnectorHost host = await StartHostAsync(settings => settings["Connctd:Outbox:BackgroundDelivery"] = "false");
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 2, properties: 2);
        IOutboxDrainer drainer = host.Services.GetRequiredService<IOutboxDrainer>();
        OutboxDrainResult setup = await drainer.DrainAsync(cancellationToken: CancellationToken.None);
        Assert.Equal(0, setup.Remaining);
        return (host, drainer, instanceId);
    }

    private static async Task QueueAsync(ConnectorHost host, string instanceId, IEnumerable<ProducedUpdate> updates)
    {
        foreach (ProducedUpdate update in updates)
        {
            await ProducedUpdates.QueueAsync(host.Platform, instanceId, update);
        }
    }
}

public sealed class SqliteOutboxDrainerTests() : OutboxDrainerTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxDrainerTests() : OutboxDrainerTests(StoreKind.PostgreSql);
