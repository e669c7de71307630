using System.Globalization;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// The behaviour of every <see cref="IConnectorStore"/> over its life: schema creation and migration (on first use, by
/// several store objects at once), a store object opened again on the same database, cancellation, health checks and
/// disposal.
/// </summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class LifecycleStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    [Fact]
    public async Task InitializeAsync_NewDatabase_RecordsEverySchemaVersionWithTimeProviderTime()
    {
        Time.Advance(TimeSpan.FromMinutes(3));

        await Store.InitializeAsync(Ct);

        var versions = await Harness.QueryAsync("SELECT version FROM {schema}.schema_version ORDER BY version;");
        Assert.Equal(Enumerable.Range(1, Harness.SchemaVersion).Select(v => (long)v), versions.Select(ToLong));
        var appliedAt = await Harness.QueryAsync("SELECT applied_at FROM {schema}.schema_version WHERE version = 1;");
        Assert.Equal(T0.AddMinutes(3), Harness.ReadTime(Assert.Single(appliedAt)));
    }

    [Fact]
    public async Task InitializeAsync_Twice_KeepsDataAndOneVersionRow()
    {
        await Store.InitializeAsync(Ct);
        await SeedAsync("i1");

        await Store.InitializeAsync(Ct);
        await Harness.OpenStore().InitializeAsync(Ct);

        Assert.Equal(Harness.SchemaVersion, await CountAsync("schema_version"));
        Assert.NotNull(await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task InitializeAsync_EightStoreObjectsAtOnce_AllSucceedWithOneVersionRow()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => Harness.OpenStore()).ToArray();

        await RunConcurrentlyAsync(stores.Length, async i =>
        {
            await stores[i].InitializeAsync(Ct);
            return true;
        });

        Assert.Equal(Harness.SchemaVersion, await CountAsync("schema_version"));
        Assert.Equal(Harness.SchemaVersion, ToLong(Assert.Single(await Harness.QueryAsync("SELECT MAX(version) FROM {schema}.schema_version;"))));
        await stores[3].SaveInstallationAsync(Installation("inst"), Ct);
        Assert.NotNull(await stores[5].GetInstallationAsync("inst", Ct));
    }

    [Fact]
    public async Task FirstOperations_OfEightStoreObjectsAtOnce_MigrateOnceAndAllSucceed()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => Harness.OpenStore()).ToArray();

        await RunConcurrentlyAsync(stores.Length, async i =>
        {
            await stores[i].SaveInstallationAsync(Installation("inst-" + i), Ct);
            return true;
        });

        Assert.Equal(8, (await Store.ListInstallationsAsync(Ct)).Count);
        Assert.Equal(Harness.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task Operations_WithoutInitializeAsync_CreateSchemaFirst()
    {
        await Store.SaveInstallationAsync(Installation("inst"), Ct);

        Assert.NotNull(await Store.GetInstallationAsync("inst", Ct));
        Assert.Equal(Harness.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task NewStoreObject_OnExistingDatabase_SeesEverything()
    {
        await SeedAsync("i1");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);
        var installation = await Store.GetInstallationAsync("inst", Ct);
        var instance = await Store.GetInstanceAsync("i1", Ct);
        await DisposeStoreAsync(Store);

        var reopened = Harness.OpenStore();
        await reopened.InitializeAsync(Ct);

        var reopenedInstallation = await reopened.GetInstallationAsync("inst", Ct);
        Assert.Equal(installation!.ProtectedToken, reopenedInstallation!.ProtectedToken);
        Assert.Equal(installation.Configuration, reopenedInstallation.Configuration);
        Assert.Equal(installation.CreatedAt, reopenedInstallation.CreatedAt);
        var reopenedInstance = await reopened.GetInstanceAsync("i1", Ct);
        Assert.Equal(instance!.ProtectedToken, reopenedInstance!.ProtectedToken);
        Assert.Equal(instance.ThingCreation, reopenedInstance.ThingCreation);
        Assert.Equal(new ThingMapping("i1", "lamp", "thing-lamp", ThingMappingState.Created, T0), await reopened.FindThingAsync("thing-lamp", Ct));
        Assert.Equal(Action("a1", "i1"), await reopened.GetActionAsync("a1", Ct));
        Assert.Equal(Harness.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task GetInstallationAsync_CanceledToken_ThrowsOperationCanceled()
    {
        await SeedAsync("i1");
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.GetInstallationAsync("inst", canceled.Token));
    }

    [Fact]
    public async Task PingAsync_Reachable_CompletesAndCreatesSchema()
    {
        await Store.PingAsync(Ct);

        Assert.Equal(Harness.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task Dispose_ThenOperation_ThrowsObjectDisposed()
    {
        await Store.InitializeAsync(Ct);

        Assert.IsAssignableFrom<IDisposable>(Store).Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.GetInstallationAsync("inst", Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.LeaseAsync("a", 1, T0, TimeSpan.FromMinutes(1), Ct));
        Assert.Throws<ObjectDisposedException>(() => KeyRingOf(Store).GetKeyElements());
    }

    private static long ToLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
