using System.Collections.Concurrent;
using System.Globalization;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every <see cref="IOutboxStore"/>: queueing, coalescing, leases, retries and dead letters.</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class OutboxStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    [Fact]
    public async Task EnqueueAsync_New_LeasedWithEveryField()
    {
        const string payload = """{"value":"ä \"quoted\" ☃","lastUpdate":"2024-05-01T12:00:00.1234567Z"}""";
        var action = new OutboxMessage(42, OutboxOperation.UpdateActionRequest, "instance-7", "action:a1", null, payload, T0, 0, T0.AddSeconds(-5), null);
        var property = Message("p1", "v1");

        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(action, 10, Ct));
        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(property, 10, Ct));
        var leased = await Store.LeaseAsync("a", 10, T0, Lease, Ct);

        Assert.Equal(2, leased.Count);
        Assert.True(leased[0].Id > 0);
        Assert.Equal(action with { Id = leased[0].Id }, leased[0]);
        Assert.Equal(property with { Id = leased[1].Id }, leased[1]);
    }

    [Fact]
    public async Task EnqueueAsync_SameCoalescingKeyQueued_ReplacesPayloadKeepsIdAndEnqueueTime()
    {
        await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct);
        var id = Assert.Single(await OutboxColumnAsync("id"));

        var result = await Store.EnqueueAsync(Message("p1", "v2", at: T0.AddSeconds(5)), 10, Ct);

        Assert.Equal(OutboxEnqueueResult.Coalesced, result);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddSeconds(5), Lease, Ct));
        Assert.Equal(id, leased.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("v2", leased.Payload);
        Assert.Equal(T0, leased.EnqueuedAt);
        Assert.Equal(1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_QueuedMessageWaitingForRetry_CoalescedKeepingAttemptsAndDelay()
    {
        await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        await Store.RetryLaterAsync(leased.Id, "a", 3, T0.AddMinutes(2), "503", Ct);

        Assert.Equal(OutboxEnqueueResult.Coalesced, await Store.EnqueueAsync(Message("p1", "v2"), 10, Ct));

        Assert.Empty(await Store.LeaseAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
        var again = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddMinutes(2), Lease, Ct));
        Assert.Equal((leased.Id, "v2", 3, "503"), (again.Id, again.Payload, again.Attempts, again.LastError));
    }

    [Fact]
    public async Task EnqueueAsync_NoCoalescingKey_NeverCoalesced()
    {
        await Store.EnqueueAsync(Message("action:a1", "COMPLETED", coalescingKey: null), 10, Ct);

        var result = await Store.EnqueueAsync(Message("action:a1", "COMPLETED", coalescingKey: null), 10, Ct);

        Assert.Equal(OutboxEnqueueResult.Enqueued, result);
        Assert.Equal(2, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_MessageWithKeyLeased_AddsNewMessageAndLaterValuesCoalesceIntoIt()
    {
        await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct);
        var inFlight = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(Message("p1", "v2"), 10, Ct));
        Assert.Equal(OutboxEnqueueResult.Coalesced, await Store.EnqueueAsync(Message("p1", "v3"), 10, Ct));

        Assert.Equal(["v1", "v3"], await OutboxColumnAsync("payload"));
        Assert.True(await Store.CompleteAsync(inFlight.Id, "a", Ct));
        var next = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.Equal("v3", next.Payload);
    }

    [Fact]
    public async Task EnqueueAsync_LeaseExpiredButNotTakenOver_NotCoalescedIntoSinceItsOwnerMayStillDeliverIt()
    {
        await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct);
        var slow = Assert.Single(await Store.LeaseAsync("slow", 10, T0, Lease, Ct));
        Time.Advance(Lease * 2);

        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(Message("p1", "v2"), 10, Ct));

        Assert.True(await Store.CompleteAsync(slow.Id, "slow", Ct));
        Assert.Equal("v2", Assert.Single(await Store.LeaseAsync("b", 10, T0 + Lease * 2, Lease, Ct)).Payload);
    }

    [Fact]
    public async Task EnqueueAsync_AtCapacity_FullButCoalescingStillAccepted()
    {
        await Store.EnqueueAsync(Message("p1", "v1"), 2, Ct);
        await Store.EnqueueAsync(Message("p2", "v1"), 2, Ct);

        Assert.Equal(OutboxEnqueueResult.Full, await Store.EnqueueAsync(Message("p3", "v1"), 2, Ct));
        Assert.Equal(OutboxEnqueueResult.Full, await Store.EnqueueAsync(Message("p4", "v1", coalescingKey: null), 2, Ct));
        Assert.Equal(OutboxEnqueueResult.Coalesced, await Store.EnqueueAsync(Message("p1", "v2"), 2, Ct));
        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(Message("p3", "v1"), 3, Ct));
        Assert.Equal(3, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_CapacityZero_Full()
    {
        Assert.Equal(OutboxEnqueueResult.Full, await Store.EnqueueAsync(Message("p1", "v1"), 0, Ct));
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_50ConcurrentSameKeyFromTwoStoreObjects_OneMessageHoldingOneOfTheValues()
    {
        await Store.InitializeAsync(Ct);
        var second = Harness.OpenStore();
        await Harness.WarmUpAsync(Store); // so the enqueues below race instead of queuing for new connections
        await Harness.WarmUpAsync(second);

        var results = await RunConcurrentlyAsync(
            50,
            i => (i % 2 == 0 ? Store : second).EnqueueAsync(Message("p1", "v" + i), 1000, Ct));

        Assert.Equal(1, results.Count(r => r == OutboxEnqueueResult.Enqueued));
        Assert.Equal(49, results.Count(r => r == OutboxEnqueueResult.Coalesced));
        var payload = Assert.Single(await OutboxColumnAsync("payload"));
        Assert.Contains(payload, Enumerable.Range(0, 50).Select(i => "v" + i));
    }

    [Fact]
    public async Task LeaseAsync_SameOrderingKey_OnlyOldestAndNextAfterCompletion()
    {
        await Store.EnqueueAsync(Message("k", "first", coalescingKey: null), 10, Ct);
        await Store.EnqueueAsync(Message("k", "second", coalescingKey: null), 10, Ct);
        await Store.EnqueueAsync(Message("other", "x", coalescingKey: null), 10, Ct);

        var batch = await Store.LeaseAsync("a", 10, T0, Lease, Ct);
        Assert.Equal(["first", "x"], batch.Select(message => message.Payload));
        Assert.Empty(await Store.LeaseAsync("b", 10, T0, Lease, Ct));

        Assert.True(await Store.CompleteAsync(batch[0].Id, "a", Ct));
        var next = Assert.Single(await Store.LeaseAsync("b", 10, T0, Lease, Ct));
        Assert.Equal("second", next.Payload);
    }

    [Fact]
    public async Task LeaseAsync_OldestOfKeyWaitsForRetry_NextOfKeyWaitsToo()
    {
        await Store.EnqueueAsync(Message("k", "first", coalescingKey: null), 10, Ct);
        await Store.EnqueueAsync(Message("k", "second", coalescingKey: null), 10, Ct);
        var first = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.True(await Store.RetryLaterAsync(first.Id, "a", 1, T0.AddMinutes(5), "503", Ct));

        Assert.Empty(await Store.LeaseAsync("a", 10, T0.AddMinutes(1), Lease, Ct));

        var retried = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddMinutes(5), Lease, Ct));
        Assert.Equal("first", retried.Payload);
    }

    [Fact]
    public async Task LeaseAsync_MaxCount_OldestFirstInIdOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.EnqueueAsync(Message("k" + (4 - i), "v" + i), 10, Ct);
        }

        var first = await Store.LeaseAsync("a", 3, T0, Lease, Ct);
        var rest = await Store.LeaseAsync("a", 3, T0, Lease, Ct);

        Assert.Equal(["v0", "v1", "v2"], first.Select(m => m.Payload));
        Assert.Equal(["v3", "v4"], rest.Select(m => m.Payload));
        Assert.True(first.Zip(first.Skip(1)).All(pair => pair.First.Id < pair.Second.Id));
    }

    [Fact]
    public async Task LeaseAsync_NotDueYet_Skipped()
    {
        await Store.EnqueueAsync(Message("k", "later", at: T0.AddMinutes(1)), 10, Ct);

        Assert.Empty(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.Single(await Store.LeaseAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
    }

    [Fact]
    public async Task LeaseAsync_LeaseExpired_ReleasableByAnotherOwnerAndFormerOwnerLosesIt()
    {
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);
        var first = Assert.Single(await Store.LeaseAsync("dead-replica", 10, T0, Lease, Ct));

        Assert.Empty(await Store.LeaseAsync("b", 10, T0 + Lease - TimeSpan.FromSeconds(1), Lease, Ct));
        var taken = Assert.Single(await Store.LeaseAsync("b", 10, T0 + Lease, Lease, Ct));

        Assert.Equal(first.Id, taken.Id);
        Assert.False(await Store.CompleteAsync(first.Id, "dead-replica", Ct));
        Assert.False(await Store.RetryLaterAsync(first.Id, "dead-replica", 1, T0, "late", Ct));
        Assert.False(await Store.DeadLetterAsync(first.Id, "dead-replica", "late", 400, T0, Ct));
        Assert.True(await Store.CompleteAsync(taken.Id, "b", Ct));
    }

    [Fact]
    public async Task LeaseAsync_InvalidArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.LeaseAsync("", 1, T0, Lease, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.LeaseAsync("a", 0, T0, Lease, Ct));
    }

    [Fact]
    public async Task CompleteAsync_NotOwnerOrUnknown_ReturnsFalseAndKeepsMessage()
    {
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.False(await Store.CompleteAsync(leased.Id, "b", Ct));
        Assert.False(await Store.CompleteAsync(leased.Id + 1000, "a", Ct));

        Assert.Equal(1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
        Assert.True(await Store.CompleteAsync(leased.Id, "a", Ct));
        Assert.False(await Store.CompleteAsync(leased.Id, "a", Ct));
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task CompleteAsync_NotLeased_ReturnsFalse()
    {
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);
        var id = Assert.Single(await OutboxColumnAsync("id"));

        Assert.False(await Store.CompleteAsync(long.Parse(id, CultureInfo.InvariantCulture), "a", Ct));
        Assert.Equal(1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task RetryLaterAsync_ByOwner_ReleasesWithAttemptsAndDelay()
    {
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.False(await Store.RetryLaterAsync(leased.Id, "not-owner", 1, T0.AddSeconds(30), "503", Ct));
        Assert.True(await Store.RetryLaterAsync(leased.Id, "a", 1, T0.AddSeconds(30), "503", Ct));

        Assert.Empty(await Store.LeaseAsync("a", 10, T0.AddSeconds(29), Lease, Ct));
        var again = Assert.Single(await Store.LeaseAsync("b", 10, T0.AddSeconds(30), Lease, Ct));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("503", again.LastError);
        Assert.Equal(T0.AddSeconds(30), again.NextAttemptAt);
        Assert.False(await Store.RetryLaterAsync(leased.Id, "a", 2, T0, "late", Ct));
    }

    [Fact]
    public async Task DeadLetterAsync_ByOwner_MovesAndCanBeListedRequeuedAndDeleted()
    {
        await Store.EnqueueAsync(Message("k", "v", coalescingKey: null), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.False(await Store.DeadLetterAsync(leased.Id, "not-owner", "404 gone", 404, T0, Ct));
        Assert.True(await Store.DeadLetterAsync(leased.Id, "a", "404 gone", 404, T0.AddSeconds(1), Ct));
        Assert.False(await Store.DeadLetterAsync(leased.Id, "a", "404 gone", 404, T0, Ct));

        var statistics = await Store.GetOutboxStatisticsAsync(Ct);
        Assert.Equal(0, statistics.Depth);
        Assert.Equal(1, statistics.DeadLetters);
        var deadLetter = Assert.Single(await Store.ListDeadLettersAsync(10, Ct));
        Assert.Equal("404 gone", deadLetter.Error);
        Assert.Equal(404, deadLetter.StatusCode);
        Assert.Equal(T0.AddSeconds(1), deadLetter.FailedAt);
        Assert.Equal((leased.Id, "v", "404 gone"), (deadLetter.Message.Id, deadLetter.Message.Payload, deadLetter.Message.LastError));

        Assert.True(await Store.RequeueDeadLetterAsync(deadLetter.Id, T0.AddMinutes(1), Ct));
        Assert.False(await Store.RequeueDeadLetterAsync(deadLetter.Id, T0.AddMinutes(1), Ct));
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).DeadLetters);
        Assert.Empty(await Store.LeaseAsync("a", 10, T0.AddMinutes(1) - Resolution, Lease, Ct));
        var requeued = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
        Assert.NotEqual(leased.Id, requeued.Id);
        Assert.Equal("v", requeued.Payload);
        Assert.Equal(0, requeued.Attempts);
        Assert.Null(requeued.LastError);
        Assert.Equal(T0, requeued.EnqueuedAt);

        Assert.True(await Store.DeadLetterAsync(requeued.Id, "a", "again", 410, T0, Ct));
        var second = Assert.Single(await Store.ListDeadLettersAsync(10, Ct));
        Assert.True(await Store.DeleteDeadLetterAsync(second.Id, Ct));
        Assert.False(await Store.DeleteDeadLetterAsync(second.Id, Ct));
        Assert.Empty(await Store.ListDeadLettersAsync(10, Ct));
    }

    [Fact]
    public async Task DeadLetterAsync_OldestOfKey_NextOfKeyBecomesLeasable()
    {
        await Store.EnqueueAsync(Message("k", "refused", coalescingKey: null), 10, Ct);
        await Store.EnqueueAsync(Message("k", "next", coalescingKey: null), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        await Store.DeadLetterAsync(leased.Id, "a", "400", 400, T0, Ct);

        Assert.Equal("next", Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct)).Payload);
    }

    [Fact]
    public async Task RequeueDeadLetterAsync_NewerValueQueued_DropsTheOutdatedValue()
    {
        await Store.EnqueueAsync(Message("p1", "old"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        await Store.DeadLetterAsync(leased.Id, "a", "409", 409, T0, Ct);
        await Store.EnqueueAsync(Message("p1", "new"), 10, Ct);

        Assert.True(await Store.RequeueDeadLetterAsync(Assert.Single(await Store.ListDeadLettersAsync(10, Ct)).Id, T0, Ct));

        var only = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.Equal("new", only.Payload);
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).DeadLetters);
        Assert.Equal(1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task RequeueDeadLetterAsync_OtherKeyQueued_Requeues()
    {
        await Store.EnqueueAsync(Message("p1", "old"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        await Store.DeadLetterAsync(leased.Id, "a", "409", 409, T0, Ct);
        await Store.EnqueueAsync(Message("p2", "x"), 10, Ct);

        Assert.True(await Store.RequeueDeadLetterAsync(Assert.Single(await Store.ListDeadLettersAsync(10, Ct)).Id, T0, Ct));

        Assert.Equal(["x", "old"], (await Store.LeaseAsync("a", 10, T0, Lease, Ct)).Select(m => m.Payload));
    }

    [Fact]
    public async Task RequeueDeadLetterAsync_Unknown_ReturnsFalse()
    {
        Assert.False(await Store.RequeueDeadLetterAsync(12345, T0, Ct));
        Assert.False(await Store.DeleteDeadLetterAsync(12345, Ct));
    }

    [Fact]
    public async Task ListDeadLettersAsync_Several_NewestFirstUpToMaxCount()
    {
        for (var i = 0; i < 4; i++)
        {
            await Store.EnqueueAsync(Message("k" + i, "v" + i), 10, Ct);
        }

        foreach (var message in (await Store.LeaseAsync("a", 10, T0, Lease, Ct)).Reverse())
        {
            await Store.DeadLetterAsync(message.Id, "a", "gone " + message.Payload, 404, T0, Ct);
        }

        var deadLetters = await Store.ListDeadLettersAsync(3, Ct);

        Assert.Equal(["v0", "v1", "v2"], deadLetters.Select(d => d.Message.Payload));
        Assert.True(deadLetters[0].Id > deadLetters[1].Id);
        Assert.Equal(4, (await Store.GetOutboxStatisticsAsync(Ct)).DeadLetters);
    }

    [Fact]
    public async Task GetOutboxStatisticsAsync_ReportsDepthOldestAndDeadLetters()
    {
        Assert.Equal(new OutboxStatistics(0, null, 0), await Store.GetOutboxStatisticsAsync(Ct));

        await Store.EnqueueAsync(Message("a", "1", at: T0.AddSeconds(10)), 10, Ct);
        await Store.EnqueueAsync(Message("b", "1", at: T0), 10, Ct);
        await Store.EnqueueAsync(Message("c", "1", at: T0.AddSeconds(20)), 10, Ct);
        var leased = await Store.LeaseAsync("x", 10, T0.AddSeconds(20), Lease, Ct);
        await Store.DeadLetterAsync(leased.Single(m => m.OrderingKey == "c").Id, "x", "gone", 404, T0, Ct);

        Assert.Equal(new OutboxStatistics(2, T0, 1), await Store.GetOutboxStatisticsAsync(Ct));
    }

    [Fact]
    public async Task LeaseAsync_TwoStoreObjectsConcurrently_EachMessageLeasedOnce()
    {
        for (var i = 0; i < 200; i++)
        {
            await Store.EnqueueAsync(Message($"k{i}", "v", coalescingKey: null), 1000, Ct);
        }

        var other = Harness.OpenStore();
        var leasedIds = new ConcurrentBag<(long Id, string Owner)>();
        async Task DrainAsync(IConnectorStore store, string owner)
        {
            while (true)
            {
                var batch = await store.LeaseAsync(owner, 7, T0, Lease, Ct);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    leasedIds.Add((message.Id, owner));
                    Assert.True(await store.CompleteAsync(message.Id, owner, Ct));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => DrainAsync(Store, "a")), Task.Run(() => DrainAsync(other, "b"))).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(200, leasedIds.Count);
        Assert.Equal(200, leasedIds.Select(l => l.Id).Distinct().Count());
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task LeaseAsync_TwoStoreObjectsOnOneOrderingKey_OneAtATimeInOrder()
    {
        for (var i = 0; i < 40; i++)
        {
            await Store.EnqueueAsync(Message("one-key", "v" + i, coalescingKey: null), 1000, Ct);
        }

        var other = Harness.OpenStore();
        var delivered = new ConcurrentQueue<string>();
        var inDelivery = 0;
        var overlaps = 0;
        async Task DrainAsync(IConnectorStore store, string owner)
        {
            while (delivered.Count < 40)
            {
                var batch = await store.LeaseAsync(owner, 5, T0, Lease, Ct);
                Assert.True(batch.Count <= 1);
                foreach (var message in batch)
                {
                    if (Interlocked.Increment(ref inDelivery) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    delivered.Enqueue(message.Payload);
                    await Task.Yield();
                    Interlocked.Decrement(ref inDelivery);
                    Assert.True(await store.CompleteAsync(message.Id, owner, Ct));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => DrainAsync(Store, "a")), Task.Run(() => DrainAsync(other, "b"))).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(0, overlaps);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "v" + i), delivered);
    }

    [Fact]
    public async Task Outbox_InstanceDeleted_MessagesStayForDelivery()
    {
        await SeedAsync("i1");
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);

        await Store.DeleteInstallationAsync("inst", Ct);

        Assert.Equal("i1", Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct)).TargetId);
    }

    /// <summary>A column of every row of the outbox table in id order, as text.</summary>
    /// <summary>Only the id of an enqueued message is ignored (<see cref="IOutboxStore.EnqueueAsync"/>).</summary>
    [Fact]
    public async Task EnqueueAsync_WithEarlierAttempts_KeepsAttemptsAndLastError()
    {
        var message = new OutboxMessage(
            42, OutboxOperation.UpdateActionRequest, "instance-7", "action:a1", null, "{}", T0, 2, T0.AddSeconds(-5), "earlier 503");

        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(message, 10, Ct));
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.Equal(message with { Id = leased.Id }, leased);
    }

    /// <summary>A negative capacity is a programming error, not a full outbox.</summary>
    [Fact]
    public async Task EnqueueAsync_NegativeCapacity_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.EnqueueAsync(Message("p1", "v1"), -1, Ct));
    }

    /// <summary>A lease of no duration would make the message leasable again at once: refused.</summary>
    [Fact]
    public async Task LeaseAsync_ZeroLeaseDuration_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.LeaseAsync("a", 1, T0, TimeSpan.Zero, Ct));
    }

    /// <summary>
    /// A requeued dead letter must not overwrite a newer value of its coalescing key that is being delivered (the
    /// outdated value would be delivered after the newer one).
    /// </summary>
    [Fact]
    public async Task RequeueDeadLetterAsync_NewerValueInDelivery_DropsTheOutdatedValue()
    {
        await Store.EnqueueAsync(Message("p1", "old"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        await Store.DeadLetterAsync(leased.Id, "a", "409", 409, T0, Ct);
        await Store.EnqueueAsync(Message("p1", "new"), 10, Ct);
        var newer = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.True(await Store.RequeueDeadLetterAsync(Assert.Single(await Store.ListDeadLettersAsync(10, Ct)).Id, T0, Ct));

        Assert.True(await Store.CompleteAsync(newer.Id, "a", Ct));
        Assert.Empty(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.Equal(new OutboxStatistics(0, null, 0), await Store.GetOutboxStatisticsAsync(Ct));
    }

    private async Task<IReadOnlyList<string>> OutboxColumnAsync(string column) =>
        (await Harness.QueryAsync($"SELECT {column} FROM {{schema}}.outbox ORDER BY id;"))
            .Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)!)
            .ToList();
}
