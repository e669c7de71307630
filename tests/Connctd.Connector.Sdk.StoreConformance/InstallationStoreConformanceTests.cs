using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every <see cref="IConnectorStore"/>: installations.</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class InstallationStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    [Fact]
    public async Task GetInstallationAsync_Unknown_ReturnsNull()
    {
        await Store.InitializeAsync(Ct);

        Assert.Null(await Store.GetInstallationAsync("nope", Ct));
    }

    [Fact]
    public async Task SaveInstallationAsync_New_RoundTripsEveryField()
    {
        var created = new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(9_999_999);
        var updated = created.AddMilliseconds(1).AddTicks(1);
        var installation = new InstallationRecord(
            "inst-1",
            "CfDJ8-protected",
            [new ConfigurationValue("region", "eu"), new ConfigurationValue("secret", "ä \"quoted\" \u2603")],
            LifecycleState.Ongoing,
            created,
            updated);

        await Store.SaveInstallationAsync(installation, Ct);
        var stored = await Store.GetInstallationAsync("inst-1", Ct);

        Assert.NotNull(stored);
        Assert.Equal("inst-1", stored.Id);
        Assert.Equal("CfDJ8-protected", stored.ProtectedToken);
        Assert.Equal(installation.Configuration, stored.Configuration);
        Assert.Equal(LifecycleState.Ongoing, stored.State);
        // Kept to the store's resolution: SQLite keeps every tick; timestamptz keeps microseconds, so the last digit of
        // created's ticks is dropped (updated is 9_999_999 + 10_000 + 1 ticks: whole microseconds).
        Assert.Equal(Truncated(created).UtcTicks, stored.CreatedAt.UtcTicks);
        Assert.Equal(Truncated(updated).UtcTicks, stored.UpdatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [Fact]
    public async Task SaveInstallationAsync_ProtectedConfigurationIds_RoundTripAndCanBeCleared()
    {
        await Store.InitializeAsync(Ct);
        Assert.Null((await SaveAndGetAsync(Installation("inst"))).ProtectedConfigurationIds);

        Assert.Equal(["apiKey", "password"], (await SaveAndGetAsync(Installation("inst") with { ProtectedConfigurationIds = ["apiKey", "password"] })).ProtectedConfigurationIds);
        Assert.Empty((await SaveAndGetAsync(Installation("inst") with { ProtectedConfigurationIds = [] })).ProtectedConfigurationIds!);
        Assert.Null((await SaveAndGetAsync(Installation("inst") with { ProtectedConfigurationIds = null })).ProtectedConfigurationIds);

        await Store.SaveInstanceAsync(Instance("i1", "inst") with { ProtectedConfigurationIds = ["pin"] }, Ct);
        Assert.Equal(["pin"], (await Store.GetInstanceAsync("i1", Ct))!.ProtectedConfigurationIds);
        Assert.Equal(["pin"], Assert.Single(await Store.ListInstancesAsync("inst", Ct)).ProtectedConfigurationIds);
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);
        Assert.Equal(["pin"], (await Store.FindThingWithInstanceAsync("thing-lamp", Ct))!.Value.Instance.ProtectedConfigurationIds);
        Assert.Equal("apiKey", Assert.Single((await SaveAndGetAsync(Installation("inst") with { ProtectedConfigurationIds = ["apiKey"] }, list: true)).ProtectedConfigurationIds!));

        async Task<InstallationRecord> SaveAndGetAsync(InstallationRecord record, bool list = false)
        {
            await Store.SaveInstallationAsync(record, Ct);
            return list ? Assert.Single(await Store.ListInstallationsAsync(Ct)) : (await Store.GetInstallationAsync(record.Id, Ct))!;
        }
    }

    [Fact]
    public async Task SaveInstallationAsync_AnswerJson_RoundTripsAndCanBeCleared()
    {
        const string answer = """{"furtherStep":{"type":3,"content":"https://example.com/consent"}}""";
        await Store.SaveInstallationAsync(Installation("inst", state: LifecycleState.Ongoing) with { AnswerJson = answer }, Ct);

        Assert.Equal(answer, (await Store.GetInstallationAsync("inst", Ct))!.AnswerJson);

        await Store.SaveInstallationAsync(Installation("inst") with { AnswerJson = null }, Ct);

        Assert.Null((await Store.GetInstallationAsync("inst", Ct))!.AnswerJson);
    }

    [Fact]
    public async Task SaveInstanceAsync_AnswerJson_RoundTrips()
    {
        const string answer = """{"furtherStep":{"type":1,"content":"Creating things"}}""";
        await Store.SaveInstallationAsync(Installation("inst"), Ct);
        await Store.SaveInstanceAsync(Instance("i-1", "inst") with { AnswerJson = answer }, Ct);

        Assert.Equal(answer, (await Store.GetInstanceAsync("i-1", Ct))!.AnswerJson);
        Assert.Equal(answer, (await Store.ListInstancesAsync("inst", Ct)).Single().AnswerJson);
    }

    [Fact]
    public async Task SaveInstallationAsync_EmptyConfiguration_RoundTripsEmpty()
    {
        await Store.SaveInstallationAsync(Installation("inst") with { Configuration = [] }, Ct);

        var stored = await Store.GetInstallationAsync("inst", Ct);

        Assert.NotNull(stored);
        Assert.Empty(stored.Configuration);
    }

    [Fact]
    public async Task SaveInstallationAsync_StateUnknownToSdk_KeepsNumber()
    {
        await Store.SaveInstallationAsync(Installation("inst", state: (LifecycleState)42), Ct);

        var stored = await Store.GetInstallationAsync("inst", Ct);

        Assert.Equal((LifecycleState)42, stored!.State);
    }

    [Fact]
    public async Task SaveInstallationAsync_Existing_ReplacesFieldsAndKeepsCreatedAt()
    {
        await Store.SaveInstallationAsync(Installation("inst", T0), Ct);
        var later = T0.AddMinutes(5);
        var replacement = new InstallationRecord("inst", "new-token", [new ConfigurationValue("region", "us")], LifecycleState.Failed, later, later);

        await Store.SaveInstallationAsync(replacement, Ct);
        var stored = await Store.GetInstallationAsync("inst", Ct);

        Assert.NotNull(stored);
        Assert.Equal("new-token", stored.ProtectedToken);
        Assert.Equal(replacement.Configuration, stored.Configuration);
        Assert.Equal(LifecycleState.Failed, stored.State);
        Assert.Equal(T0, stored.CreatedAt);
        Assert.Equal(later, stored.UpdatedAt);
        Assert.Equal(1, await CountAsync("installations"));
    }

    [Fact]
    public async Task SaveInstallationAsync_Existing_KeepsItsInstancesAndThings()
    {
        await SeedAsync("i1");
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);

        await Store.SaveInstallationAsync(Installation("inst", T0.AddMinutes(1)), Ct);

        Assert.NotNull(await Store.GetInstanceAsync("i1", Ct));
        Assert.NotNull(await Store.FindThingByExternalIdAsync("i1", "lamp", Ct));
    }

    [Fact]
    public async Task ListInstallationsAsync_Several_OrderedById()
    {
        foreach (var id in new[] { "c", "a", "b" })
        {
            await Store.SaveInstallationAsync(Installation(id), Ct);
        }

        var installations = await Store.ListInstallationsAsync(Ct);

        Assert.Equal(["a", "b", "c"], installations.Select(i => i.Id));
    }

    [Fact]
    public async Task ListInstallationsAsync_None_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListInstallationsAsync(Ct));
    }

    [Fact]
    public async Task UpdateInstallationStateAsync_Known_ChangesStateAndUpdatedAt()
    {
        await Store.SaveInstallationAsync(Installation("inst", T0, LifecycleState.Ongoing), Ct);
        var later = T0.AddSeconds(30);

        var updated = await Store.UpdateInstallationStateAsync("inst", LifecycleState.Complete, later, Ct);
        var stored = await Store.GetInstallationAsync("inst", Ct);

        Assert.True(updated);
        Assert.Equal(LifecycleState.Complete, stored!.State);
        Assert.Equal(later, stored.UpdatedAt);
        Assert.Equal(T0, stored.CreatedAt);
        Assert.Equal("protected-inst", stored.ProtectedToken);
    }

    [Fact]
    public async Task UpdateInstallationStateAsync_Unknown_ReturnsFalse()
    {
        Assert.False(await Store.UpdateInstallationStateAsync("nope", LifecycleState.Complete, T0, Ct));
        Assert.Equal(0, await CountAsync("installations"));
    }

    [Fact]
    public async Task DeleteInstallationAsync_WithInstancesThingsAndActions_DeletesEverything()
    {
        await SeedAsync("i1", "i2");
        await Store.SaveInstallationAsync(Installation("other"), Ct);
        await Store.SaveInstanceAsync(Instance("o1", "other"), Ct);
        await Store.ClaimThingCreationAsync("i1", "lamp", T0, Ct);
        await Store.CompleteThingCreationAsync("i2", "plug", "thing-plug", T0, Ct);
        await Store.CompleteThingCreationAsync("o1", "lamp", "thing-other", T0, Ct);
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);
        await Store.TryBeginActionAsync(Action("a2", "i2"), Ct);
        await Store.TryBeginActionAsync(Action("a3", "o1"), Ct);

        var deleted = await Store.DeleteInstallationAsync("inst", Ct);

        Assert.True(deleted);
        Assert.Null(await Store.GetInstallationAsync("inst", Ct));
        Assert.Equal(["o1"], (await Store.ListInstancesAsync(null, Ct)).Select(i => i.Id));
        Assert.Null(await Store.FindThingAsync("thing-plug", Ct));
        Assert.Null(await Store.FindThingByExternalIdAsync("i1", "lamp", Ct));
        Assert.NotNull(await Store.FindThingAsync("thing-other", Ct));
        Assert.Null(await Store.GetActionAsync("a1", Ct));
        Assert.Null(await Store.GetActionAsync("a2", Ct));
        Assert.NotNull(await Store.GetActionAsync("a3", Ct));
        Assert.Equal(1, await CountAsync("thing_mappings"));
        Assert.Equal(1, await CountAsync("actions"));
    }

    [Fact]
    public async Task DeleteInstallationAsync_Unknown_ReturnsFalse()
    {
        await SeedAsync();

        Assert.False(await Store.DeleteInstallationAsync("nope", Ct));
        Assert.Equal(1, await CountAsync("installations"));
    }

    private DateTimeOffset Truncated(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % Resolution.Ticks));
}
