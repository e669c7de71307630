using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every <see cref="IConnectorStore"/>: action requests.</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class ActionStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    [Fact]
    public async Task TryBeginActionAsync_New_ReturnsNullAndStoresEveryField()
    {
        await SeedAsync("i1");
        var action = new ActionRecord("a1", "i1", "thing-1", "lamp", "switch", ActionStatus.Pending, null, 0, T0, T0 + (3 * Resolution));

        var earlier = await Store.TryBeginActionAsync(action, Ct);

        Assert.Null(earlier);
        Assert.Equal(action, await Store.GetActionAsync("a1", Ct));
    }

    [Fact]
    public async Task TryBeginActionAsync_Existing_ReturnsStoredRecordAndKeepsIt()
    {
        await SeedAsync("i1");
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);
        await Store.UpdateActionAsync("a1", ActionStatus.Failed, "lamp offline", 202, T0.AddSeconds(1), Ct);
        var repeated = Action("a1", "i1", T0.AddMinutes(1)) with { ThingId = "thing-other" };

        var earlier = await Store.TryBeginActionAsync(repeated, Ct);

        Assert.NotNull(earlier);
        Assert.Equal(ActionStatus.Failed, earlier.Status);
        Assert.Equal("lamp offline", earlier.Error);
        Assert.Equal(202, earlier.ResponseStatusCode);
        Assert.Equal("thing-1", earlier.ThingId);
        Assert.Equal(T0, earlier.CreatedAt);
        Assert.Equal(earlier, await Store.GetActionAsync("a1", Ct));
    }

    [Fact]
    public async Task TryBeginActionAsync_50Concurrent_ExactlyOneGetsNull()
    {
        await SeedAsync("i1");
        var second = Harness.OpenStore(); // another pool, like another process or replica

        var results = await RunConcurrentlyAsync(
            50,
            i => (i % 2 == 0 ? Store : second).TryBeginActionAsync(Action("a1", "i1", T0.AddSeconds(i)), Ct));

        Assert.Single(results, r => r is null);
        var stored = await Store.GetActionAsync("a1", Ct);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(stored, r));
        Assert.Equal(1, await CountAsync("actions"));
    }

    [Fact]
    public async Task TryBeginActionAsync_UnknownInstance_ThrowsInvalidOperation()
    {
        await SeedAsync("i1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.TryBeginActionAsync(Action("a1", "nope"), Ct));

        Assert.Null(await Store.GetActionAsync("a1", Ct));
    }

    [Fact]
    public async Task UpdateActionAsync_Known_ChangesOutcomeAndKeepsRequest()
    {
        await SeedAsync("i1");
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);
        var later = T0.AddSeconds(10);

        var updated = await Store.UpdateActionAsync("a1", ActionStatus.Failed, "no answer", 202, later, Ct);

        Assert.True(updated);
        Assert.Equal(
            new ActionRecord("a1", "i1", "thing-1", "lamp", "switch", ActionStatus.Failed, "no answer", 202, T0, later),
            await Store.GetActionAsync("a1", Ct));
    }

    [Fact]
    public async Task UpdateActionAsync_NullError_ClearsError()
    {
        await SeedAsync("i1");
        await Store.TryBeginActionAsync(Action("a1", "i1") with { Error = "earlier" }, Ct);

        await Store.UpdateActionAsync("a1", ActionStatus.Completed, null, 204, T0, Ct);

        var stored = await Store.GetActionAsync("a1", Ct);
        Assert.Null(stored!.Error);
        Assert.Equal(ActionStatus.Completed, stored.Status);
        Assert.Equal(204, stored.ResponseStatusCode);
    }

    [Fact]
    public async Task UpdateActionAsync_Unknown_ReturnsFalse()
    {
        await SeedAsync("i1");

        Assert.False(await Store.UpdateActionAsync("nope", ActionStatus.Completed, null, 204, T0, Ct));
    }

    [Fact]
    public async Task GetActionAsync_Unknown_ReturnsNull()
    {
        await SeedAsync("i1");

        Assert.Null(await Store.GetActionAsync("nope", Ct));
    }

    [Fact]
    public async Task DeleteActionsOlderThanAsync_Mixed_DeletesOnlyThoseUpdatedBefore()
    {
        await SeedAsync("i1");
        var cutoff = T0.AddDays(1);
        await Store.TryBeginActionAsync(Action("old", "i1", cutoff.AddDays(-1)), Ct);
        await Store.TryBeginActionAsync(Action("just-old", "i1", cutoff - Resolution), Ct);
        await Store.TryBeginActionAsync(Action("at-cutoff", "i1", cutoff), Ct);
        await Store.TryBeginActionAsync(Action("new", "i1", cutoff.AddMilliseconds(1)), Ct);
        await Store.TryBeginActionAsync(Action("refreshed", "i1", cutoff.AddDays(-2)), Ct);
        await Store.UpdateActionAsync("refreshed", ActionStatus.Completed, null, 202, cutoff.AddHours(1), Ct);

        var deleted = await Store.DeleteActionsOlderThanAsync(cutoff.ToOffset(TimeSpan.FromHours(3)), Ct);

        Assert.Equal(2, deleted);
        Assert.Null(await Store.GetActionAsync("old", Ct));
        Assert.Null(await Store.GetActionAsync("just-old", Ct));
        Assert.NotNull(await Store.GetActionAsync("at-cutoff", Ct));
        Assert.NotNull(await Store.GetActionAsync("new", Ct));
        Assert.NotNull(await Store.GetActionAsync("refreshed", Ct));
    }

    [Fact]
    public async Task DeleteActionsOlderThanAsync_None_ReturnsZero()
    {
        await SeedAsync("i1");

        Assert.Equal(0, await Store.DeleteActionsOlderThanAsync(T0, Ct));
    }
}
