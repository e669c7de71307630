using Connctd.Connector.Sdk.TestInfrastructure;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlConnectorStoreSchemaTests : StoreTestBase
{
    [Fact]
    public async Task InitializeAsync_NewSchema_CreatesEveryTableAndIndex()
    {
        await Store.InitializeAsync(Ct);

        var names = await QueryAsync(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind IN ('r', 'i') ORDER BY 1;",
            ("schema", Schema));

        Assert.Equal(
            [
                "accepted_callbacks", "actions", "dead_letters", "installations", "instances", "ix_accepted_callbacks_expires_at",
                "ix_accepted_callbacks_subject", "ix_actions_instance_id", "ix_actions_updated_at",
                "ix_instances_installation_id", "ix_instances_thing_creation", "ix_outbox_coalescing_key", "ix_outbox_leased",
                "ix_outbox_next_attempt_at", "ix_outbox_ordering_key", "key_ring", "outbox", "pk_accepted_callbacks", "pk_actions", "pk_dead_letters", "pk_installations", "pk_instances",
                "pk_key_ring", "pk_outbox", "pk_property_values", "pk_thing_mappings", "pk_upgrades", "property_values", "schema_version", "schema_version_pkey", "thing_mappings", "upgrades",
                "ux_accepted_callbacks_subject_signature", "ux_thing_mappings_thing_id",
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

        Assert.Equal(["fk_actions_instance:c", "fk_instances_installation:c", "fk_property_values_instance:c", "fk_thing_mappings_instance:c"], foreignKeys.Cast<string>());
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
    public async Task TwoSchemas_OneDatabase_KeepTheirDataApart()
    {
        var other = CreateStore(NewSchemaName());
        await SeedAsync("i1");

        await other.SaveInstallationAsync(Installation("other"), Ct);

        Assert.Equal(["inst"], (await Store.ListInstallationsAsync(Ct)).Select(i => i.Id));
        Assert.Equal(["other"], (await other.ListInstallationsAsync(Ct)).Select(i => i.Id));
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
    public async Task PingAsync_NothingListening_ThrowsNpgsqlException()
    {
        var port = FreePort();
        var store = CreateStore(configure: o => o.ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=3");

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.PingAsync(Ct));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
