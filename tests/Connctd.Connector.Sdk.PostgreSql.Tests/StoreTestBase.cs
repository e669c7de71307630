using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>
/// Gives each test a fresh schema of its own (a random name) on the test server, disposes its stores and drops every
/// schema it used afterwards.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    /// <summary>A start time with whole microseconds, so it round-trips through <c>timestamptz</c> exactly.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly List<PostgreSqlConnectorStore> _stores = [];
    private readonly HashSet<string> _schemas = [];
    private int _pools;

    protected StoreTestBase()
    {
        Schema = NewSchemaName();
        Store = CreateStore();
    }

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>The schema of this test.</summary>
    protected string Schema { get; }

    protected FakeTimeProvider Time { get; } = new(T0);

    /// <summary>A store on <see cref="Schema"/>; not initialized yet.</summary>
    protected PostgreSqlConnectorStore Store { get; }

    protected static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N");

    /// <summary>Another store object (with a connection pool of its own, like another replica) on the test's schema or another one.</summary>
    protected PostgreSqlConnectorStore CreateStore(string? schema = null, Action<PostgreSqlConnectorStoreOptions>? configure = null)
    {
        var options = new PostgreSqlConnectorStoreOptions
        {
            // A distinct pool size gives each store a pool of its own even within one process.
            ConnectionString = PostgresServer.ConnectionStringWithPool(20 + Interlocked.Increment(ref _pools)),
            Schema = schema ?? Schema,
        };
        configure?.Invoke(options);
        var store = new PostgreSqlConnectorStore(options, logger: null, timeProvider: Time);
        lock (_stores)
        {
            _stores.Add(store);
            _schemas.Add(options.Schema);
        }

        return store;
    }

    /// <summary>Runs a statement (with <c>{schema}</c> for the test's schema) on a connection of its own and returns the first column of every row.</summary>
    protected async Task<List<object?>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", "\"" + Schema + "\"", StringComparison.Ordinal), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<object?>();
        do
        {
            while (await reader.ReadAsync(Ct))
            {
                values.Add(reader.FieldCount == 0 || reader.IsDBNull(0) ? null : reader.GetValue(0));
            }
        }
        while (await reader.NextResultAsync(Ct));

        return values;
    }

    protected async Task<long> CountAsync(string table) =>
        (long)(await QueryAsync($"SELECT COUNT(*) FROM {{schema}}.{table};"))[0]!;

    protected static InstallationRecord Installation(string id, DateTimeOffset? at = null, LifecycleState state = LifecycleState.Complete) =>
        new(id, "protected-" + id, [new ConfigurationValue("region", "eu"), new ConfigurationValue("key", "k-" + id)], state, at ?? T0, at ?? T0);

    protected static InstanceRecord Instance(
        string id,
        string installationId,
        DateTimeOffset? at = null,
        ThingCreationStatus thingCreation = ThingCreationStatus.InProgress) =>
        new(id, installationId, "protected-" + id, [new ConfigurationValue("room", "kitchen")], LifecycleState.Complete, thingCreation, at ?? T0, at ?? T0);

    protected static ActionRecord Action(string id, string instanceId, DateTimeOffset? at = null) =>
        new(id, instanceId, "thing-1", "lamp", "switch", ActionStatus.Pending, null, 0, at ?? T0, at ?? T0);

    /// <summary>Stores installation "inst" with instance "i1" (and more instances if named).</summary>
    protected async Task SeedAsync(params string[] instanceIds)
    {
        await Store.SaveInstallationAsync(Installation("inst"), Ct);
        foreach (var instanceId in instanceIds.Length == 0 ? ["i1"] : instanceIds)
        {
            await Store.SaveInstanceAsync(Instance(instanceId, "inst"), Ct);
        }
    }

    /// <summary>Starts <paramref name="count"/> calls at once (released together by a gate) and waits for all of them.</summary>
    protected static async Task<T[]> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await gate.Task;
                return await call(i);
            }))
            .ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(5));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }
}
