using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every <see cref="IConnectorStore"/>: instances.</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class InstanceStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    [Fact]
    public async Task GetInstanceAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetInstanceAsync("nope", Ct));
    }

    [Fact]
    public async Task SaveInstanceAsync_New_RoundTripsEveryField()
    {
        await Store.SaveInstallationAsync(Installation("inst"), Ct);
        var created = T0.ToOffset(TimeSpan.FromHours(-5));
        var instance = new InstanceRecord(
            "i1",
            "inst",
            "CfDJ8-instance",
            [new ConfigurationValue("room", "kitchen"), new ConfigurationValue("password", "p@ss")],
            LifecycleState.Ongoing,
            ThingCreationStatus.Failed,
            created,
            created + Resolution);

        await Store.SaveInstanceAsync(instance, Ct);
        var stored = await Store.GetInstanceAsync("i1", Ct);

        Assert.NotNull(stored);
        Assert.Equal("i1", stored.Id);
        Assert.Equal("inst", stored.InstallationId);
        Assert.Equal("CfDJ8-instance", stored.ProtectedToken);
        Assert.Equal(instance.Configuration, stored.Configuration);
        Assert.Equal(LifecycleState.Ongoing, stored.State);
        Assert.Equal(ThingCreationStatus.Failed, stored.ThingCreation);
        Assert.Equal(created.UtcTicks, stored.CreatedAt.UtcTicks);
        Assert.Equal((created + Resolution).UtcTicks, stored.UpdatedAt.UtcTicks);
    }

    [Fact]
    public async Task SaveInstanceAsync_Existing_ReplacesFieldsAndKeepsCreatedAt()
    {
        await SeedAsync("i1");
        var later = T0.AddHours(1);
        var replacement = new InstanceRecord(
            "i1", "inst", "rotated", [new ConfigurationValue("room", "attic")], LifecycleState.Failed, ThingCreationStatus.Completed, later, later);

        await Store.SaveInstanceAsync(replacement, Ct);
        var stored = await Store.GetInstanceAsync("i1", Ct);

        Assert.NotNull(stored);
        Assert.Equal("rotated", stored.ProtectedToken);
        Assert.Equal(replacement.Configuration, stored.Configuration);
        Assert.Equal(LifecycleState.Failed, stored.State);
        Assert.Equal(ThingCreationStatus.Completed, stored.ThingCreation);
        Assert.Equal(T0, stored.CreatedAt);
        Assert.Equal(later, stored.UpdatedAt);
        Assert.Equal(1, await CountAsync("instances"));
    }

    [Fact]
    public async Task SaveInstanceAsync_Existing_KeepsThingsAndActions()
    {
        await SeedAsync("i1");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);

        await Store.SaveInstanceAsync(Instance("i1", "inst", T0.AddMinutes(1)), Ct);

        Assert.NotNull(await Store.FindThingAsync("thing-lamp", Ct));
        Assert.NotNull(await Store.GetActionAsync("a1", Ct));
    }

    [Fact]
    public async Task SaveInstanceAsync_UnknownInstallation_ThrowsInvalidOperationAndStoresNothing()
    {
        await Store.SaveInstallationAsync(Installation("inst"), Ct);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.SaveInstanceAsync(Instance("i1", "missing"), Ct));

        Harness.AssertForeignKeyViolation(exception.InnerException);
        Assert.Null(await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task ListInstancesAsync_ByInstallation_ReturnsItsInstancesOrderedById()
    {
        await SeedAsync("i3", "i1", "i2");
        await Store.SaveInstallationAsync(Installation("other"), Ct);
        await Store.SaveInstanceAsync(Instance("i0", "other"), Ct);

        var instances = await Store.ListInstancesAsync("inst", Ct);

        Assert.Equal(["i1", "i2", "i3"], instances.Select(i => i.Id));
        Assert.All(instances, i => Assert.Equal("inst", i.InstallationId));
    }

    [Fact]
    public async Task ListInstancesAsync_Null_ReturnsEveryInstanceOrderedById()
    {
        await SeedAsync("i3", "i1");
        await Store.SaveInstallationAsync(Installation("other"), Ct);
        await Store.SaveInstanceAsync(Instance("i2", "other"), Ct);

        var instances = await Store.ListInstancesAsync(null, Ct);

        Assert.Equal(["i1", "i2", "i3"], instances.Select(i => i.Id));
    }

    [Fact]
    public async Task ListInstancesAsync_UnknownInstallation_ReturnsEmpty()
    {
        await SeedAsync("i1");

        Assert.Empty(await Store.ListInstancesAsync("nope", Ct));
    }

    [Fact]
    public async Task ListInstancesByThingCreationAsync_Mixed_ReturnsMatchingOrderedById()
    {
        await Store.SaveInstallationAsync(Installation("inst"), Ct);
        await Store.SaveInstanceAsync(Instance("b", "inst", thingCreation: ThingCreationStatus.InProgress), Ct);
        await Store.SaveInstanceAsync(Instance("c", "inst", thingCreation: ThingCreationStatus.Completed), Ct);
        await Store.SaveInstanceAsync(Instance("a", "inst", thingCreation: ThingCreationStatus.InProgress), Ct);
        await Store.SaveInstanceAsync(Instance("d", "inst", thingCreation: ThingCreationStatus.Failed), Ct);

        var inProgress = await Store.ListInstancesByThingCreationAsync(ThingCreationStatus.InProgress, Ct);
        var failed = await Store.ListInstancesByThingCreationAsync(ThingCreationStatus.Failed, Ct);

        Assert.Equal(["a", "b"], inProgress.Select(i => i.Id));
        Assert.Equal(["d"], failed.Select(i => i.Id));
    }

    [Fact]
    public async Task UpdateInstanceStateAsync_Known_ChangesStateThingCreationAndUpdatedAt()
    {
        await SeedAsync("i1");
        var later = T0.AddSeconds(1);

        var updated = await Store.UpdateInstanceStateAsync("i1", LifecycleState.Failed, ThingCreationStatus.Failed, later, Ct);
        var stored = await Store.GetInstanceAsync("i1", Ct);

        Assert.True(updated);
        Assert.Equal(LifecycleState.Failed, stored!.State);
        Assert.Equal(ThingCreationStatus.Failed, stored.ThingCreation);
        Assert.Equal(later, stored.UpdatedAt);
        Assert.Equal(T0, stored.CreatedAt);
    }

    [Fact]
    public async Task UpdateInstanceStateAsync_Unknown_ReturnsFalse()
    {
        await SeedAsync("i1");

        Assert.False(await Store.UpdateInstanceStateAsync("nope", LifecycleState.Complete, ThingCreationStatus.Completed, T0, Ct));
    }

    [Fact]
    public async Task DeleteInstanceAsync_WithThingsAndActions_DeletesThemAndKeepsOthers()
    {
        await SeedAsync("i1", "i2");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-1", T0, Ct);
        await Store.ClaimThingCreationAsync("i1", "plug", T0, Ct);
        await Store.CompleteThingCreationAsync("i2", "lamp", "thing-2", T0, Ct);
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);
        await Store.TryBeginActionAsync(Action("a2", "i2"), Ct);

        var deleted = await Store.DeleteInstanceAsync("i1", Ct);

        Assert.True(deleted);
        Assert.Null(await Store.GetInstanceAsync("i1", Ct));
        Assert.Empty(await Store.ListThingsAsync("i1", Ct));
        Assert.Null(await Store.FindThingAsync("thing-1", Ct));
        Assert.Null(await Store.GetActionAsync("a1", Ct));
        Assert.NotNull(await Store.GetInstallationAsync("inst", Ct));
        Assert.NotNull(await Store.FindThingAsync("thing-2", Ct));
        Assert.NotNull(await Store.GetActionAsync("a2", Ct));
    }

    [Fact]
    public async Task DeleteInstanceAsync_Unknown_ReturnsFalse()
    {
        await SeedAsync("i1");

        Assert.False(await Store.DeleteInstanceAsync("nope", Ct));
        Assert.Equal(1, await CountAsync("instances"));
    }
}
