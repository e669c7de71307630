using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// Outbox behaviour the PostgreSQL store has and the SQLite store does not (yet): kept apart so that both stores run
/// <see cref="OutboxStoreConformanceTests"/> green. The SQLite schema has no column for a dead letter's next attempt
/// time (it needs a schema migration); when a store conforms, its test project derives from this class too, and when
/// both do, these tests move into <see cref="OutboxStoreConformanceTests"/>.
/// </summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class OutboxStoreStrictConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
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
}
