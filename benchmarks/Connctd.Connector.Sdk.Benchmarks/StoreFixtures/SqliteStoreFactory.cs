using System.Diagnostics;
using System.Globalization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Benchmarks.StoreFixtures;

/// <summary>
/// SQLite stores for the benchmarks, in files under <c>$TMPDIR/connctd-bench/</c>. A mapping database is built once per
/// size and schema version and reused by later runs (delete the directory to rebuild): the schema comes from the store
/// itself (<see cref="SqliteConnectorStore.InitializeAsync"/>), the rows are bulk-inserted in one transaction with a
/// prepared statement, because 10^6 calls through the store API (a durable commit each) would take far too long.
/// </summary>
public static class SqliteStoreFactory
{
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "connctd-bench");

    public static async Task<SqliteConnectorStore> OpenMappingsAsync(MappingData data)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"mappings-{data.Mappings}-v{SqliteConnectorStore.SchemaVersion}.db"));
        if (File.Exists(path))
        {
            // A file from an earlier build of the store may lack a column the current one reads: then build it again.
            var cached = new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = path });
            try
            {
                await cached.InitializeAsync(CancellationToken.None);
                if (await cached.FindThingAsync(MappingData.ThingIdFor(data.Mappings - 1), CancellationToken.None) is not null)
                {
                    return cached;
                }
            }
            catch (SqliteException)
            {
            }

            Delete(cached);
        }

        await BuildAsync(data, path);
        var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A new, empty store in its own file.</summary>
    public static async Task<SqliteConnectorStore> CreateEmptyAsync(string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, $"{name}-{Guid.NewGuid():N}.db");
        var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>
    /// Queues <paramref name="count"/> property updates in one transaction, bypassing the store API (a commit each would
    /// take minutes): distinct ordering and coalescing keys <c>{keyPrefix}{i}</c>, due now.
    /// </summary>
    public static void FillOutbox(SqliteConnectorStore store, int count, string targetId, string keyPrefix, string payload, DateTimeOffset now)
    {
        string time = now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
            INSERT INTO outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
            SELECT $operation, $target, $prefix || i, $prefix || i, $payload, $now, 0, $now, NULL FROM n;
            """;
        command.Parameters.AddWithValue("$count", (long)count);
        command.Parameters.AddWithValue("$operation", (long)Storage.OutboxOperation.UpdatePropertyValue);
        command.Parameters.AddWithValue("$target", targetId);
        command.Parameters.AddWithValue("$prefix", keyPrefix);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$now", time);
        command.ExecuteNonQuery();
    }

    public static void Delete(SqliteConnectorStore store)
    {
        string path = store.DatabasePath;
        store.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (string file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static async Task BuildAsync(MappingData data, string path)
    {
        var watch = Stopwatch.StartNew();
        string building = path + ".building";
        foreach (string file in new[] { building, building + "-wal", building + "-shm" })
        {
            File.Delete(file);
        }

        using (var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = building }))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        string now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        using (var connection = new SqliteConnection($"Data Source={building};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA foreign_keys = ON;");
            using (SqliteTransaction transaction = connection.BeginTransaction())
            {
                using (SqliteCommand installation = Command(connection, transaction,
                    "INSERT INTO installations (id, protected_token, configuration, state, created_at, updated_at, answer_json) VALUES ($id, 'not-a-token', '[]', $state, $now, $now, NULL);"))
                {
                    installation.Parameters.AddWithValue("$id", MappingData.InstallationId);
                    installation.Parameters.AddWithValue("$state", (long)LifecycleState.Complete);
                    installation.Parameters.AddWithValue("$now", now);
                    installation.ExecuteNonQuery();
                }

                using (SqliteCommand instance = Command(connection, transaction,
                    "INSERT INTO instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json) VALUES ($id, $installation, 'not-a-token', '[]', $state, $creation, $now, $now, NULL);"))
                {
                    SqliteParameter id = instance.Parameters.Add("$id", SqliteType.Text);
                    instance.Parameters.AddWithValue("$installation", MappingData.InstallationId);
                    instance.Parameters.AddWithValue("$state", (long)LifecycleState.Complete);
                    instance.Parameters.AddWithValue("$creation", (long)ThingCreationStatus.Completed);
                    instance.Parameters.AddWithValue("$now", now);
                    instance.Prepare();
                    for (int i = 0; i < data.Instances; i++)
                    {
                        id.Value = MappingData.InstanceIdFor(i);
                        instance.ExecuteNonQuery();
                    }
                }

                using (SqliteCommand mapping = Command(connection, transaction,
                    "INSERT INTO thing_mappings (instance_id, external_id, thing_id, state, updated_at) VALUES ($instance, $external, $thing, $state, $now);"))
                {
                    SqliteParameter instanceId = mapping.Parameters.Add("$instance", SqliteType.Text);
                    SqliteParameter externalId = mapping.Parameters.Add("$external", SqliteType.Text);
                    SqliteParameter thingId = mapping.Parameters.Add("$thing", SqliteType.Text);
                    mapping.Parameters.AddWithValue("$state", (long)ThingMappingState.Created);
                    mapping.Parameters.AddWithValue("$now", now);
                    mapping.Prepare();
                    foreach ((string instance, string external, string thing) in data.All())
                    {
                        instanceId.Value = instance;
                        externalId.Value = external;
                        thingId.Value = thing;
                        mapping.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
            }

            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        File.Move(building, path, overwrite: true);
        foreach (string file in new[] { building + "-wal", building + "-shm" })
        {
            File.Delete(file);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Built {path}: {data.Mappings:N0} mappings in {data.Instances:N0} instances, {watch.Elapsed.TotalSeconds:F1} s."));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
