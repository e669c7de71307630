using Connctd.Connector.Sdk.Storage;
using static Connctd.Connector.Sdk.StoreConformance.StoreTestData;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// Writes that run at the same time: a store may commit them together (group commit), but each caller sees its own
/// result only, a refused write fails its own caller and nobody else's, and nothing acknowledged is missing.
/// </summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class WriteBatchConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    private const int Writers = 64;

    [Fact]
    public async Task ConcurrentWrites_OneRefusedByForeignKey_OnlyThatCallerFails()
    {
        await SeedAsync("i1");
        var writes = new List<Task>();
        for (var i = 0; i < Writers; i++)
        {
            writes.Add(i == Writers / 2
                ? Store.SaveInstanceAsync(Instance("orphan", "no-such-installation"), Ct)
                : Store.CompleteThingCreationAsync("i1", "ext-" + i, "thing-" + i, T0, Ct));
        }

        Task refused = writes[Writers / 2];
        await Task.WhenAll(writes.Where(write => write != refused));
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);

        Assert.Null(await Store.GetInstanceAsync("orphan", Ct));
        Assert.Equal(Writers - 1, (await Store.ListThingsAsync("i1", Ct)).Count);
    }

    [Fact]
    public async Task ConcurrentWrites_OneRefusedByUniqueThingId_OnlyThatCallerFailsAndBatchMatesStay()
    {
        await SeedAsync("i1", "i2");
        await Store.CompleteThingCreationAsync("i1", "taken", "thing-taken", T0, Ct);
        var writes = new List<Task>();
        for (var i = 0; i < Writers; i++)
        {
            writes.Add(i == 7
                ? Store.CompleteThingCreationAsync("i2", "thief", "thing-taken", T0, Ct)
                : Store.EnqueueAsync(Message("k-" + i, "v-" + i), 1000, Ct));
        }

        Task refused = writes[7];
        await Task.WhenAll(writes.Where(write => write != refused));
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Contains("thing-taken", exception.Message, StringComparison.Ordinal);

        Assert.Equal(Writers - 1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
        Assert.Equal("i1", (await Store.FindThingAsync("thing-taken", Ct))!.InstanceId);
        Assert.Null(await Store.FindThingByExternalIdAsync("i2", "thief", Ct));
    }

    [Fact]
    public async Task ConcurrentEnqueues_EightProducers_EveryMessageStoredInProducerOrder()
    {
        const int perProducer = 50;
        var producers = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
        {
            for (var n = 0; n < perProducer; n++)
            {
                Assert.Equal(
                    OutboxEnqueueResult.Enqueued,
                    await Store.EnqueueAsync(Message("producer-" + p, p + ":" + n, coalescingKey: null), 10_000, Ct));
            }
        }));
        await Task.WhenAll(producers);

        Assert.Equal(8 * perProducer, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
        var delivered = new Dictionary<string, List<string>>();
        while (await Store.LeaseAsync("owner", 100, T0, Lease, Ct) is { Count: > 0 } leased)
        {
            foreach (var message in leased)
            {
                (delivered.TryGetValue(message.OrderingKey, out var payloads) ? payloads : delivered[message.OrderingKey] = []).Add(message.Payload);
                Assert.True(await Store.CompleteAsync(message.Id, "owner", Ct));
            }
        }

        for (var p = 0; p < 8; p++)
        {
            Assert.Equal(Enumerable.Range(0, perProducer).Select(n => p + ":" + n), delivered["producer-" + p]);
        }
    }

    [Fact]
    public async Task ConcurrentActionBegins_SameIds_EachIdRecordedOnceAndOutcomesKept()
    {
        await SeedAsync("i1");
        var begins = Enumerable.Range(0, Writers)
            .Select(i => Store.TryBeginActionAsync(Action("a-" + (i % 8), "i1"), Ct))
            .ToArray();
        ActionRecord?[] results = await Task.WhenAll(begins);

        Assert.Equal(8, results.Count(result => result is null));
        var outcomes = Enumerable.Range(0, 8)
            .Select(i => Store.UpdateActionAsync("a-" + i, Protocol.ActionStatus.Completed, null, 204, T0.AddSeconds(1), Ct));
        Assert.All(await Task.WhenAll(outcomes), Assert.True);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(204, (await Store.GetActionAsync("a-" + i, Ct))!.ResponseStatusCode);
        }
    }

    [Fact]
    public async Task Write_CanceledBeforeItRuns_ThrowsAndWritesNothing()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.SaveInstallationAsync(Installation("inst"), canceled.Token));

        Assert.Null(await Store.GetInstallationAsync("inst", Ct));
    }
}
