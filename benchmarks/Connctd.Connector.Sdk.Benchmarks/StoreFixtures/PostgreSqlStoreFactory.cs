using System.Diagnostics;
using System.Globalization;
using Connctd.Connector.Sdk.PostgreSql;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Npgsql;

namespace Connctd.Connector.Sdk.Benchmarks.StoreFixtures;

/// <summary>
/// PostgreSQL stores for the benchmarks, measured when <c>CONNCTD_BENCH_POSTGRES</c> holds a connection string
/// (<c>eng/postgres.sh start</c> prints one for a throwaway server on 127.0.0.1). Each fixture gets a schema of its own
/// in that database (<c>connctd_bench_mappings_&lt;n&gt;</c>, <c>connctd_bench_&lt;name&gt;</c>), created by the store's
/// own <see cref="PostgreSqlConnectorStore.InitializeAsync"/>; mapping schemas are kept and reused by later runs
/// (<c>DROP SCHEMA … CASCADE</c> to rebuild). Installations and instances are written through the store API; the
/// 10^6 thing mappings are bulk-loaded with <c>COPY</c>, then checked through <see cref="IConnectorStore.FindThingAsync"/>.
/// </summary>
public static class PostgreSqlStoreFactory
{
    private static string? ConnectionString => Environment.GetEnvironmentVariable(StoreKinds.PostgresVariable);

    /// <summary>Null when PostgreSQL can be measured, otherwise why not.</summary>
    public static string? Availability() =>
        string.IsNullOrWhiteSpace(ConnectionString) ? $"{StoreKinds.PostgresVariable} is not set" : null;

    public static async Task<PostgreSqlConnectorStore> OpenMappingsAsync(MappingData data)
    {
        string schema = string.Create(CultureInfo.InvariantCulture, $"connctd_bench_mappings_{data.Mappings}");
        PostgreSqlConnectorStore store = await CreateAsync(schema, dropFirst: false);
        if (await store.FindThingAsync(MappingData.ThingIdFor(0), CancellationToken.None) is not null &&
            await store.FindThingAsync(MappingData.ThingIdFor(data.Mappings - 1), CancellationToken.None) is not null)
        {
            return store;
        }

        await store.DisposeAsync();
        store = await CreateAsync(schema, dropFirst: true);
        var watch = Stopwatch.StartNew();
        DateTimeOffset now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        await store.SaveInstallationAsync(new InstallationRecord(MappingData.InstallationId, "not-a-token", [], LifecycleState.Complete, now, now), CancellationToken.None);
        for (int i = 0; i < data.Instances; i++)
        {
            await store.SaveInstanceAsync(
                new InstanceRecord(MappingData.InstanceIdFor(i), MappingData.InstallationId, "not-a-token", [], LifecycleState.Complete, ThingCreationStatus.Completed, now, now),
                CancellationToken.None);
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            string updatedAt = now.UtcDateTime.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'+00'", CultureInfo.InvariantCulture);
            int state = (int)ThingMappingState.Created;
            await using (TextWriter writer = await connection.BeginTextImportAsync($"COPY {schema}.thing_mappings (instance_id, external_id, thing_id, state, updated_at) FROM STDIN"))
            {
                foreach ((string instance, string external, string thing) in data.All())
                {
                    await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{instance}\t{external}\t{thing}\t{state}\t{updatedAt}\n"));
                }
            }

            // Autovacuum would analyze the table soon after a load this size; do it now so the first runs see the same plans.
            await using var analyze = new NpgsqlCommand($"ANALYZE {schema}.thing_mappings", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        if (await store.FindThingAsync(data.LookupThingIds[0], CancellationToken.None) is not { State: ThingMappingState.Created })
        {
            throw new InvalidOperationException("The bulk-loaded mappings are not found through the PostgreSQL store: has its thing_mappings table changed?");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Loaded PostgreSQL schema {schema}: {data.Mappings:N0} mappings in {data.Instances:N0} instances, {watch.Elapsed.TotalSeconds:F1} s."));
        return store;
    }

    /// <summary>Queues <paramref name="count"/> property updates in one statement, bypassing the store API (see <see cref="SqliteStoreFactory.FillOutbox"/>).</summary>
    public static async Task FillOutboxAsync(PostgreSqlConnectorStore store, int count, string targetId, string keyPrefix, string payload, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {store.Schema}.outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
            SELECT $1, $2, $3 || i, $3 || i, $4, $5, 0, $5, NULL FROM generate_series(0, $6 - 1) AS i
            """,
            connection)
        {
            Parameters =
            {
                new() { Value = (int)OutboxOperation.UpdatePropertyValue },
                new() { Value = targetId },
                new() { Value = keyPrefix },
                new() { Value = payload },
                new() { Value = now },
                new() { Value = count },
            },
        };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A store in a schema of its own; <paramref name="dropFirst"/> starts it empty.</summary>
    public static async Task<PostgreSqlConnectorStore> CreateAsync(string schema, bool dropFirst)
    {
        string connectionString = ConnectionString ?? throw new InvalidOperationException($"{StoreKinds.PostgresVariable} is not set.");
        if (dropFirst)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var store = new PostgreSqlConnectorStore(new PostgreSqlConnectorStoreOptions { ConnectionString = connectionString, Schema = schema });
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
