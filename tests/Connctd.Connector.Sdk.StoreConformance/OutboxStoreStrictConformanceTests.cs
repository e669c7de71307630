using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// Outbox behaviour the PostgreSQL store has and the SQLite store does not (yet): kept apart so that both stores run
/// <see cref="OutboxStoreConformanceTests"/> green. Each test here fails on SQLite today (reported as store bugs); when
/// a store conforms, its test project derives from this class too, and when both do, these tests move into
/// <see cref="OutboxStoreConformanceTests"/>.
/// </summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class OutboxStoreStrictConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    /// <summary>Only the id of an enqueued message is ignored (<see cref="IOutboxStore.EnqueueAsync"/>). SQLite stores 0 attempts and no last error.</summary>
    [Fact]
    public async Task EnqueueAsync_WithEarlierAttempts_KeepsAttemptsAndLastError()
    {
        var message = new OutboxMessage(
            42, OutboxOperation.UpdateActionRequest, "instance-7", "action:a1", null, "{}", T0, 2, T0.AddSeconds(-5), "earlier 503");

        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(message, 10, Ct));
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.Equal(message with { Id = leased.Id }, leased);
    }

    /// <summary>SQLite treats a negative capacity as a full outbox.</summary>
    [Fact]
    public async Task EnqueueAsync_NegativeCapacity_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.EnqueueAsync(Message("p1", "v1"), -1, Ct));
    }

    /// <summary>SQLite accepts a lease of no duration (the message is leasable again at once).</summary>
    [Fact]
    public async Task LeaseAsync_ZeroLeaseDuration_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.LeaseAsync("a", 1, T0, TimeSpan.Zero, Ct));
    }

    /// <summary>
    /// The dead letter keeps the message as it was last attempted, the refused attempt counted. SQLite keeps the attempts
    /// of before the refusal and sets the next attempt time to the failure time.
    /// </summary>
    [Fact]
    public async Task DeadLetterAsync_ByOwner_KeepsMessageAsLastAttemptedWithRefusedAttemptCounted()
    {
        await Store.EnqueueAsync(Message("k", "v", coalescingKey: null), 10, Ct);
        var leased = Assert.Single(await Store.LeaseAsync("a", 10, T0, Lease, Ct));

        Assert.True(await Store.DeadLetterAsync(leased.Id, "a", "404 gone", 404, T0.AddSeconds(1), Ct));

        var deadLetter = Assert.Single(await Store.ListDeadLettersAsync(10, Ct));
        Assert.Equal(leased with { Attempts = 1, LastError = "404 gone" }, deadLetter.Message);
    }

    /// <summary>
    /// A requeued dead letter must not overwrite a newer value of its coalescing key that is being delivered. SQLite
    /// only looks for a newer queued value, so the outdated value is delivered after the newer one.
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
}
