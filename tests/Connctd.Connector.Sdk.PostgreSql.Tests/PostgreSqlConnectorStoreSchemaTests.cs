using Connctd.Connector.Sdk.Storage;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlConnectorStoreSchemaTests : StoreTestBase
{
    [Fact]
    public async Task InitializeAsync_NewSchema_CreatesSchemaAndRecordsSchemaVersion()
    {
        Time.Advance(TimeSpan.FromMinutes(3));

        await Store.InitializeAsync(Ct);

        Assert.Equal([(object)1], await QueryAsync("SELECT version FROM {schema}.schema_version ORDER BY version;"));
        var appliedAt = await QueryAsync("SELECT applied_at FROM {schema}.schema_version WHERE version = 1;");
        Assert.Equal(T0.AddMinutes(3).UtcDateTime, (DateTime)appliedAt[0]!);
    }

    [Fact]
    public async Task InitializeAsync_NewSchema_CreatesEveryTableAndIndex()
    {
        await Store.InitializeAsync(Ct);

        var names = await QueryAsync(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind IN ('r', 'i') ORDER BY 1;",
            ("schema", Schema));

        Assert.Equal(
            [
                "actions", "dead_letters", "installations", "instances", "ix_actions_instance_id", "ix_actions_updated_at",
                "ix_instances_installation_id", "ix_instances_thing_creation", "ix_outbox_coalescing_key", "ix_outbox_leased",
                "ix_outbox_next_attempt_at", "ix_outbox_ordering_key", "key_ring", "outbox", "pk_actions", "pk_dead_letters", "pk_installations", "pk_instances",
                "pk_key_ring", "pk_outbox", "pk_thing_mappings", "schema_version", "schema_version_pkey", "thing_mappings",
                "ux_thing_mappings_thing_id",
            ],
            names.Cast<string>());
    }

    [Fact]
    public async Task InitializeAsync_NewSchema_EveryForeignKeyCascadesOnDelete()
    {
        await Store.InitializeAsync(Ct);

        var foreignKeys = await QueryAsync(
            "SELECT conname::text || ':' || confdeltype::text FROM pg_constraint WHERE contype = 'f' AND connamespace = @schema::regnamespace ORDER BY 1;",
            ("schema", Schema));

        Assert.Equal(["fk_actions_instance:c", "fk_instances_installation:c", "fk_thing_mappings_instance:c"], foreignKeys.Cast<string>());
    }

    [Fact]
    public async Task InitializeAsync_NewSchema_KeysCompareBytewiseWhateverTheDatabaseLocale()
    {
        await Store.InitializeAsync(Ct);

        var collations = await QueryAsync(
            """
            SELECT DISTINCT collation_name::text FROM information_schema.columns
            WHERE table_schema = @schema AND (column_name IN ('id', 'instance_id', 'installation_id', 'external_id', 'ordering_key', 'coalescing_key', 'friendly_name') OR (table_name = 'thing_mappings' AND column_name = 'thing_id'))
              AND data_type = 'text';
            """,
            ("schema", Schema));

        Assert.Equal(["C"], collations.Cast<string>());
    }

    [Fact]
    public async Task InitializeAsync_Twice_KeepsDataAndOneVersionRow()
    {
        await Store.InitializeAsync(Ct);
        await SeedAsync("i1");

        await Store.InitializeAsync(Ct);
        await CreateStore().InitializeAsync(Ct);

        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, await CountAsync("schema_version"));
        Assert.NotNull(await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task InitializeAsync_EightStoreObjectsAtOnce_AllSucceedWithOneVersionRow()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => CreateStore()).ToArray();

        await RunConcurrentlyAsync(stores.Length, async i =>
        {
            await stores[i].InitializeAsync(Ct);
            return true;
        });

        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, await CountAsync("schema_version"));
        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, (int)(await QueryAsync("SELECT MAX(version) FROM {schema}.schema_version;"))[0]!);
        await stores[3].SaveInstallationAsync(Installation("inst"), Ct);
        Assert.NotNull(await stores[5].GetInstallationAsync("inst", Ct));
    }

    [Fact]
    public async Task FirstOperations_OfEightStoreObjectsAtOnce_MigrateOnceAndAllSucceed()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => CreateStore()).ToArray();

        await RunConcurrentlyAsync(stores.Length, async i =>
        {
            await stores[i].SaveInstallationAsync(Installation("inst-" + i), Ct);
            return true;
        });

        Assert.Equal(8, (await Store.ListInstallationsAsync(Ct)).Count);
        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task InitializeAsync_SchemaExistsEmpty_CreatesTablesInIt()
    {
        await QueryAsync("CREATE SCHEMA {schema};");

        await Store.InitializeAsync(Ct);
        await SeedAsync("i1");

        Assert.Equal(1, await CountAsync("instances"));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersionInDatabase_ThrowsInvalidOperation()
    {
        await Store.InitializeAsync(Ct);
        await QueryAsync(
            "INSERT INTO {schema}.schema_version (version, description, applied_at) VALUES (@v, 'from the future', now());",
            ("v", PostgreSqlConnectorStore.SchemaVersion + 1));

        var newer = CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.ListInstallationsAsync(Ct));
        Assert.Throws<InvalidOperationException>(() => newer.GetKeyElements());
    }

    [Fact]
    public async Task Operations_WithoutInitializeAsync_CreateSchemaFirst()
    {
        await Store.SaveInstallationAsync(Installation("inst"), Ct);

        Assert.NotNull(await Store.GetInstallationAsync("inst", Ct));
        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task TwoSchemas_OneDatabase_KeepTheirDataApart()
    {
        var other = CreateStore(NewSchemaName());
        await SeedAsync("i1");

        await other.SaveInstallationAsync(Installation("other"), Ct);

        Assert.Equal(["inst"], (await Store.ListInstallationsAsync(Ct)).Select(i => i.Id));
        Assert.Equal(["other"], (await other.ListInstallationsAsync(Ct)).Select(i => i.Id));
    }

    [Fact]
    public async Task NewStoreObject_OnExistingSchema_SeesEverything()
    {
        await SeedAsync("i1");
        await Store.CompleteThingCreationAsync("i1", "lamp", "thing-lamp", T0, Ct);
        await Store.TryBeginActionAsync(Action("a1", "i1"), Ct);
        var installation = await Store.GetInstallationAsync("inst", Ct);
        var instance = await Store.GetInstanceAsync("i1", Ct);
        await Store.DisposeAsync();

        var reopened = CreateStore();
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
        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task StoreOnDataSource_DisposeStore_LeavesDataSourceOpen()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        var store = new PostgreSqlConnectorStore(dataSource, new PostgreSqlConnectorStoreOptions { Schema = Schema, ConnectionString = "ignored" });

        await store.SaveInstallationAsync(Installation("inst"), Ct);
        await store.DisposeAsync();

        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM \"{Schema}\".installations;");
        Assert.Equal(1L, await command.ExecuteScalarAsync(Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetInstallationAsync("inst", Ct));
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
    public async Task PingAsync_Reachable_Completes()
    {
        await Store.PingAsync(Ct);

        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, await CountAsync("schema_version"));
    }

    [Fact]
    public async Task PingAsync_NothingListening_ThrowsNpgsqlException()
    {
        var port = FreePort();
        var store = CreateStore(configure: o => o.ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=3");

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.PingAsync(Ct));
    }

    [Fact]
    public async Task Dispose_ThenOperation_ThrowsObjectDisposed()
    {
        await Store.InitializeAsync(Ct);

        Store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.GetInstallationAsync("inst", Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.LeaseAsync("a", 1, T0, TimeSpan.FromMinutes(1), Ct));
        Assert.Throws<ObjectDisposedException>(() => Store.GetKeyElements());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
