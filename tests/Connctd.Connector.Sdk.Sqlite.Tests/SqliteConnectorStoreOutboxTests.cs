using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteConnectorStoreOutboxTests(TempDirectoryFixture directory) : StoreTestBase(directory)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static OutboxMessage Message(string orderingKey, string payload, string? coalescingKey = "same-as-ordering", DateTimeOffset? at = null) =>
        new(0, OutboxOperation.UpdatePropertyValue, "i1", orderingKey, coalescingKey == "same-as-ordering" ? orderingKey : coalescingKey, payload, at ?? T0, 0, at ?? T0, null);

    [Fact]
    public async Task EnqueueAsync_New_LeasedWithEveryField()
    {
        await Store.InitializeAsync(Ct);

        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct));
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.True(leased.Id > 0);
        Assert.Equal(OutboxOperation.UpdatePropertyValue, leased.Operation);
        Assert.Equal("i1", leased.TargetId);
        Assert.Equal("p1", leased.OrderingKey);
        Assert.Equal("p1", leased.CoalescingKey);
        Assert.Equal("v1", leased.Payload);
        Assert.Equal(T0, leased.EnqueuedAt);
        Assert.Equal(0, leased.Attempts);
    }

    [Fact]
    public async Task EnqueueAsync_SameCoalescingKeyQueued_ReplacesPayloadKeepsIdAndEnqueueTime()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct);

        var result = await Store.EnqueueAsync(Message("p1", "v2", at: T0.AddSeconds(5)), 10, Ct);

        Assert.Equal(OutboxEnqueueResult.Coalesced, result);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddSeconds(5), Lease, Ct));
        Assert.Equal("v2", leased.Payload);
        Assert.Equal(T0, leased.EnqueuedAt);
        Assert.Equal(1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_NoCoalescingKey_NeverCoalesced()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("action:a1", "COMPLETED", coalescingKey: null), 10, Ct);

        var result = await Store.EnqueueAsync(Message("action:a1", "COMPLETED", coalescingKey: null), 10, Ct);

        Assert.Equal(OutboxEnqueueResult.Enqueued, result);
        Assert.Equal(2, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_MessageWithKeyLeased_AddsNewMessageInsteadOfCoalescing()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("p1", "v1"), 10, Ct);
        var inFlight = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        var result = await Store.EnqueueAsync(Message("p1", "v2"), 10, Ct);

        Assert.Equal(OutboxEnqueueResult.Enqueued, result);
        Assert.Equal("v1", inFlight.Payload);
        Assert.Equal(2, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task EnqueueAsync_AtCapacity_FullButCoalescingStillAccepted()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("p1", "v1"), 2, Ct);
        await Store.EnqueueAsync(Message("p2", "v1"), 2, Ct);

        Assert.Equal(OutboxEnqueueResult.Full, await Store.EnqueueAsync(Message("p3", "v1"), 2, Ct));
        Assert.Equal(OutboxEnqueueResult.Coalesced, await Store.EnqueueAsync(Message("p1", "v2"), 2, Ct));
        Assert.Equal(2, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task LeaseAsync_SameOrderingKey_OnlyOldestAndNextAfterCompletion()
    {
        await Store.InitializeAsync(Ct);
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
    public async Task LeaseAsync_NotDueYet_Skipped()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("k", "later", at: T0.AddMinutes(1)), 10, Ct);

        Assert.Empty(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.Single(await Store.LeaseAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
    }

    [Fact]
    public async Task LeaseAsync_LeaseExpired_ReleasableByAnotherOwnerAndFormerOwnerLosesIt()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);
        var first = Assert.Single(await Store.LeaseAsync("dead-replica", 10, T0, Lease, Ct));

        Assert.Empty(await Store.LeaseAsync("b", 10, T0 + Lease - TimeSpan.FromSeconds(1), Lease, Ct));
        var taken = Assert.Single(await Store.LeaseAsync("b", 10, T0 + Lease, Lease, Ct));

        Assert.Equal(first.Id, taken.Id);
        Assert.False(await Store.CompleteAsync(first.Id, "dead-replica", Ct));
        Assert.True(await Store.CompleteAsync(taken.Id, "b", Ct));
    }

    [Fact]
    public async Task RetryLaterAsync_ByOwner_ReleasesWithAttemptsAndDelay()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("k", "v"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.False(await Store.RetryLaterAsync(leased.Id, "not-owner", 1, T0.AddSeconds(30), "503", Ct));
        Assert.True(await Store.RetryLaterAsync(leased.Id, "a", 1, T0.AddSeconds(30), "503", Ct));

        Assert.Empty(await Store.LeaseAsync("a", 10, T0.AddSeconds(29), Lease, Ct));
        var again = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddSeconds(30), Lease, Ct));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("503", again.LastError);
    }

    [Fact]
    public async Task DeadLetterAsync_ByOwner_MovesAndCanBeListedRequeuedAndDeleted()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("k", "v", coalescingKey: null), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.False(await Store.DeadLetterAsync(leased.Id, "not-owner", "404 gone", 404, T0, Ct));
        Assert.True(await Store.DeadLetterAsync(leased.Id, "a", "404 gone", 404, T0, Ct));

        var statistics = await Store.GetOutboxStatisticsAsync(Ct);
        Assert.Equal(0, statistics.Depth);
        Assert.Equal(1, statistics.DeadLetters);
        var deadLetter = Assert.Single(await Store.ListDeadLettersAsync(10, Ct));
        Assert.Equal("404 gone", deadLetter.Error);
        Assert.Equal(404, deadLetter.StatusCode);
        Assert.Equal("v", deadLetter.Message.Payload);

        Assert.True(await Store.RequeueDeadLetterAsync(deadLetter.Id, T0.AddMinutes(1), Ct));
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).DeadLetters);
        var requeued = Assert.Single(await Store.LeaseAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
        Assert.Equal("v", requeued.Payload);
        Assert.Equal(0, requeued.Attempts);

        Assert.True(await Store.DeadLetterAsync(requeued.Id, "a", "again", 410, T0, Ct));
        var second = Assert.Single(await Store.ListDeadLettersAsync(10, Ct));
        Assert.True(await Store.DeleteDeadLetterAsync(second.Id, Ct));
        Assert.False(await Store.DeleteDeadLetterAsync(second.Id, Ct));
        Assert.Empty(await Store.ListDeadLettersAsync(10, Ct));
    }

    [Fact]
    public async Task RequeueDeadLetterAsync_NewerValueQueued_DropsTheOutdatedValue()
    {
        await Store.InitializeAsync(Ct);
        await Store.EnqueueAsync(Message("p1", "old"), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        await Store.DeadLetterAsync(leased.Id, "a", "409", 409, T0, Ct);
        await Store.EnqueueAsync(Message("p1", "new"), 10, Ct);

        Assert.True(await Store.RequeueDeadLetterAsync(Assert.Single(await Store.ListDeadLettersAsync(10, Ct)).Id, T0, Ct));

        var only = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));
        Assert.Equal("new", only.Payload);
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).DeadLetters);
    }

    [Fact]
    public async Task GetOutboxStatisticsAsync_ReportsDepthAndOldest()
    {
        await Store.InitializeAsync(Ct);
        Assert.Equal(new OutboxStatistics(0, null, 0), await Store.GetOutboxStatisticsAsync(Ct));

        await Store.EnqueueAsync(Message("a", "1", at: T0.AddSeconds(10)), 10, Ct);
        await Store.EnqueueAsync(Message("b", "1", at: T0), 10, Ct);

        var statistics = await Store.GetOutboxStatisticsAsync(Ct);
        Assert.Equal(2, statistics.Depth);
        Assert.Equal(T0, statistics.OldestEnqueuedAt);
    }

    [Fact]
    public async Task LeaseAsync_TwoStoreObjectsConcurrently_EachMessageLeasedOnce()
    {
        await Store.InitializeAsync(Ct);
        for (int i = 0; i < 200; i++)
        {
            await Store.EnqueueAsync(Message($"k{i}", "v", coalescingKey: null), 1000, Ct);
        }

        var other = CreateStore(configure: options => options.BusyTimeout = TimeSpan.FromSeconds(31));
        var leasedIds = new System.Collections.Concurrent.ConcurrentBag<long>();
        async Task DrainAsync(SqliteConnectorStore store, string owner)
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
                    leasedIds.Add(message.Id);
                    Assert.True(await store.CompleteAsync(message.Id, owner, Ct));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => DrainAsync(Store, "a")), Task.Run(() => DrainAsync(other, "b")));

        Assert.Equal(200, leasedIds.Count);
        Assert.Equal(200, leasedIds.Distinct().Count());
        Assert.Equal(0, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }
}
