using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every <see cref="IConnectorStore"/>: thing mappings.</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class ThingStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    [Fact]
    public async Task ClaimThingCreationAsync_New_ClaimsCreatingMapping()
    {
        await SeedAsync("i1");

        var (mapping, claimed) = await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);

        Assert.True(claimed);
        Assert.Equal(new ThingMapping("i1", "lamp", null, ThingMappingState.Creating, T0), mapping);
        Assert.Equal(mapping, await Store.FindThingByExternalIdAsync("i1", "lamp", Ct));
    }

    [Fact]
    public async Task ClaimThingCreationAsync_AlreadyClaimed_ReturnsStoredMappingUnclaimed()
    {
        await SeedAsync("i1");
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);

        var (mapping, claimed) = await Store.ClaimThingCreationAsync("i1", "lamp", T0.AddMinutes(1), Ct);

        Assert.False(claimed);
        Assert.Equal(ThingMappingState.Creating, mapping.State);
        Assert.Equal(T0, mapping.UpdatedAt);
    }

    [Fact]
    public async Task ClaimThingCreationAsync_AlreadyCreated_ReturnsCreatedMappingUnclaimed()
    {
        await SeedAsync("i1");
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0.AddSeconds(1), Ct);

        var (mapping, claimed) = await Store.ClaimThingCreationAsync("i1", "lamp", T0.AddMinutes(1), Ct);

        Assert.False(claimed);
        Assert.Equal(new ThingMapping("i1", "lamp", "thing-lamp", ThingMappingState.Created, T0.AddSeconds(1)), mapping);
    }

    [Fact]
    public async Task ClaimThingCreationAsync_SameExternalIdInAnotherInstance_ClaimsBoth()
    {
        await SeedAsync("i1", "i2");

        var (_, first) = await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);
        var (_, second) = await Store.ClaimThingCreationAsync("i2", "lamp", T0, Ct);

        Assert.True(first);
        Assert.True(second);
    }

    [Fact]
    public async Task ClaimThingCreationAsync_UnknownInstance_ThrowsInvalidOperation()
    {
        await SeedAsync("i1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.ClaimThingCreationAsync("nope", "lamp", T0, Ct));

        Assert.Equal(0, await CountAsync("thing_mappings"));
    }

    [Fact]
    public async Task ClaimThingCreationAsync_50ConcurrentForSameThing_ExactlyOneClaims()
    {
        await SeedAsync("i1");

        var results = await RunConcurrentlyAsync(50, i => Store.ClaimThingCreationAsync("i1", "lamp", T0.AddSeconds(i), Ct));

        var winner = Assert.Single(results, r => r.Claimed);
        Assert.All(results, r => Assert.Equal(winner.Mapping, r.Mapping));
        Assert.Equal(1, await CountAsync("thing_mappings"));
    }

    [Fact]
    public async Task ClaimThingCreationAsync_50ConcurrentFromTwoStoreObjects_ExactlyOneClaims()
    {
        await SeedAsync("i1");
        var second = Harness.OpenStore(); // another pool, like another process or replica

        var results = await RunConcurrentlyAsync(
            50,
            i => (i % 2 == 0 ? Store : second).ClaimThingCreationAsync("i1", "lamp", T0, Ct));

        Assert.Single(results, r => r.Claimed);
        Assert.Equal(1, await CountAsync("thing_mappings"));
    }

    [Fact]
    public async Task ClaimThingCreationAsync_50ConcurrentForDifferentThings_ClaimsAll()
    {
        await SeedAsync("i1");

        var results = await RunConcurrentlyAsync(50, i => Store.ClaimThingCreationAsync("i1", "thing-" + i, T0, Ct));

        Assert.All(results, r => Assert.True(r.Claimed));
        Assert.Equal(50, results.Select(r => r.Mapping.ExternalId).Distinct().Count());
        Assert.Equal(50, await CountAsync("thing_mappings"));
        Assert.Equal(50, (await Store.ListThingsAsync("i1", Ct)).Count);
    }

    [Fact]
    public async Task CompleteThingCreationAsync_Claimed_FindThingAsyncReturnsCreatedMapping()
    {
        await SeedAsync("i1");
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);
        var createdAt = T0.AddSeconds(2);

        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", createdAt, Ct);

        var expected = new ThingMapping("i1", "lamp", "thing-lamp", ThingMappingState.Created, createdAt);
        Assert.Equal(expected, await Store.FindThingAsync("thing-lamp", Ct));
        Assert.Equal(expected, await Store.FindThingByExternalIdAsync("i1", "lamp", Ct));
        Assert.Equal(1, await CountAsync("thing_mappings"));
    }

    [Fact]
    public async Task CompleteThingCreationAsync_WithoutClaim_RecordsCreatedMapping()
    {
        await SeedAsync("i1");

        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);

        var mapping = await Store.FindThingAsync("thing-lamp", Ct);
        Assert.Equal(new ThingMapping("i1", "lamp", "thing-lamp", ThingMappingState.Created, T0), mapping);
    }

    [Fact]
    public async Task CompleteThingCreationAsync_ThingIdMappedToAnotherThing_ThrowsInvalidOperation()
    {
        await SeedAsync("i1");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-1", T0, Ct);
        await Store.ClaimThingCreationAsync("i1", "plug", T0, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.CompleteThingCreationAsync("i1", "plug", "thing-1", T0, Ct));

        Assert.Equal("lamp", (await Store.FindThingAsync("thing-1", Ct))!.ExternalId);
        Assert.Equal(ThingMappingState.Creating, (await Store.FindThingByExternalIdAsync("i1", "plug", Ct))!.State);
    }

    [Fact]
    public async Task CompleteThingCreationAsync_UnknownInstance_ThrowsInvalidOperation()
    {
        await SeedAsync("i1");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.CompleteThingCreationAsync("nope", "lamp", "thing-1", T0, Ct));

        Assert.Null(await Store.FindThingAsync("thing-1", Ct));
    }

    [Fact]
    public async Task FindThingAsync_Unknown_ReturnsNull()
    {
        await SeedAsync("i1");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-1", T0, Ct);

        Assert.Null(await Store.FindThingAsync("thing-2", Ct));
    }

    [Fact]
    public async Task FindThingByExternalIdAsync_Unknown_ReturnsNull()
    {
        await SeedAsync("i1", "i2");
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);

        Assert.Null(await Store.FindThingByExternalIdAsync("i1", "plug", Ct));
        Assert.Null(await Store.FindThingByExternalIdAsync("i2", "lamp", Ct));
    }

    [Fact]
    public async Task ListThingsAsync_SeveralInstances_ReturnsOnlyThisInstanceOrderedByExternalId()
    {
        await SeedAsync("i1", "i2");
        await Store.ClaimThingCreationAsync("i1", "plug", T0, Ct);
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);
        await Store.ClaimThingCreationAsync("i1", "blind", T0, Ct);
        await Store.ClaimThingCreationAsync("i2", "heater", T0, Ct);

        var things = await Store.ListThingsAsync("i1", Ct);

        Assert.Equal(["blind", "lamp", "plug"], things.Select(t => t.ExternalId));
        Assert.Equal("thing-lamp", things[1].ThingId);
        Assert.Null(things[0].ThingId);
    }

    [Fact]
    public async Task DeleteThingAsync_Known_RemovesMappingSoItCanBeClaimedAgain()
    {
        await SeedAsync("i1");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);

        var deleted = await Store.DeleteThingAsync("i1", "lamp", Ct);
        var (_, claimedAgain) = await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);

        Assert.True(deleted);
        Assert.Null(await Store.FindThingAsync("thing-lamp", Ct));
        Assert.True(claimedAgain);
    }

    [Fact]
    public async Task DeleteThingAsync_Unknown_ReturnsFalse()
    {
        await SeedAsync("i1");
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);

        Assert.False(await Store.DeleteThingAsync("i1", "plug", Ct));
        Assert.Equal(1, await CountAsync("thing_mappings"));
    }

    [Fact]
    public async Task UpdateThingTemplateHashAsync_Created_StoredAndReadBack()
    {
        await SeedAsync("i1");
        await Store.ClaimThingCreationAsync("i1", "lamp-1", T0, Ct);
        await Store.CompleteThingCreationAsync("i1", "lamp-1", "t-1", T0, Ct);
        Assert.Null((await Store.FindThingAsync("t-1", Ct))!.TemplateHash);

        Assert.True(await Store.UpdateThingTemplateHashAsync("i1", "lamp-1", "hash-1", Ct));

        Assert.Equal("hash-1", (await Store.FindThingAsync("t-1", Ct))!.TemplateHash);
        Assert.Equal("hash-1", (await Store.FindThingByExternalIdAsync("i1", "lamp-1", Ct))!.TemplateHash);
        Assert.Equal("hash-1", Assert.Single(await Store.ListThingsAsync("i1", Ct)).TemplateHash);
        Assert.False(await Store.UpdateThingTemplateHashAsync("i1", "unknown", "hash-1", Ct));
    }

    [Fact]
    public async Task FindThingWithInstanceAsync_Created_ReturnsMappingAndItsInstanceInOneRead()
    {
        await SeedAsync("i1", "i2");
        await Store.CompleteThingCreationAsync("i2", "lamp", "thing-lamp", T0, Ct);

        var found = await Store.FindThingWithInstanceAsync("thing-lamp", Ct);

        Assert.NotNull(found);
        Assert.Equal(await Store.FindThingAsync("thing-lamp", Ct), found.Value.Thing);
        var instance = (await Store.GetInstanceAsync("i2", Ct))!;
        Assert.Equal(instance with { Configuration = [] }, found.Value.Instance with { Configuration = [] });
        Assert.Equal(instance.Configuration, found.Value.Instance.Configuration);
        Assert.Null(await Store.FindThingWithInstanceAsync("thing-unknown", Ct));
    }
}
