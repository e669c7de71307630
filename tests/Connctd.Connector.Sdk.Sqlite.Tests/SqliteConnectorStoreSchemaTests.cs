namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteConnectorStoreSchemaTests(TempDirectoryFixture directory) : StoreTestBase(directory)
{
    [Fact]
    public async Task InitializeAsync_NewFile_CreatesFile()
    {
        await Store.InitializeAsync(Ct);

        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesEveryTableAndIndex()
    {
        await Store.InitializeAsync(Ct);

        var names = await QueryAsync("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name;");

        Assert.Equal(
            [
                "accepted_callbacks", "actions", "dead_letters", "installations", "instances", "ix_accepted_callbacks_expires_at",
                "ix_accepted_callbacks_subject", "ix_actions_instance_id", "ix_actions_updated_at",
                "ix_instances_installation_id", "ix_instances_thing_creation", "ix_outbox_coalescing_key", "ix_outbox_next_attempt_at",
                "ix_outbox_ordering_key", "key_ring", "outbox", "property_values", "schema_version", "thing_mappings", "upgrades",
                "ux_thing_mappings_thing_id",
            ],
            names.Cast<string>());
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersionInFile_ThrowsInvalidOperation()
    {
        await Store.InitializeAsync(Ct);
        await QueryAsync(
            "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, 'from the future', '2030-01-01T00:00:00.0000000Z');",
            ("$v", SqliteConnectorStore.SchemaVersion + 1));

        var newer = CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.ListInstallationsAsync(Ct));
    }

    [Fact]
    public async Task InitializeAsync_PathInMissingSubdirectories_CreatesThem()
    {
        var path = Path.Combine(Directory.DirectoryPath, Guid.NewGuid().ToString("N"), "nested", "store.db");
        var store = CreateStore(path);

        await store.InitializeAsync(Ct);
        await store.SaveInstallationAsync(Installation("inst"), Ct);

        Assert.True(File.Exists(path));
        Assert.NotNull(await store.GetInstallationAsync("inst", Ct));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_SwitchesToWriteAheadLog()
    {
        await Store.InitializeAsync(Ct);

        Assert.Equal("wal", (string?)(await QueryAsync("PRAGMA journal_mode;"))[0]);
    }

    [Fact]
    public async Task OpenConnectionAsync_Always_SetsForeignKeysFullSyncAndBusyTimeout()
    {
        var store = CreateStore(configure: o => o.BusyTimeout = TimeSpan.FromMilliseconds(1234.2));
        await store.InitializeAsync(Ct);
        using var connection = await store.OpenSqliteConnectionAsync(Ct);

        Assert.Equal(1L, Pragma("foreign_keys"));
        Assert.Equal(2L, Pragma("synchronous"));
        Assert.Equal(1235L, Pragma("busy_timeout"));

        long Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name + ";";
            return (long)command.ExecuteScalar()!;
        }
    }

    [Fact]
    public async Task PingAsync_DirectoryBlockedByFile_Throws()
    {
        var blocker = Path.Combine(Directory.DirectoryPath, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "not a directory");
        var store = CreateStore(Path.Combine(blocker, "store.db"));

        await Assert.ThrowsAsync<IOException>(() => store.PingAsync(Ct));
    }

    [Fact]
    public async Task Dispose_AfterUse_ClosesConnectionsSoTheLogIsCheckpointedAway()
    {
        await SeedAsync("i1");
        await Store.GetInstanceAsync("i1", Ct);
        Assert.True(File.Exists(DatabasePath + "-wal"));

        Store.Dispose();

        Assert.False(File.Exists(DatabasePath + "-wal"));
        File.Delete(DatabasePath);
    }
}
