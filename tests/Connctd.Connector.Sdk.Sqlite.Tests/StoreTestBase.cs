using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>Gives each test its own database file in the class's temporary directory, and disposes its stores.</summary>
public abstract class StoreTestBase : IClassFixture<TempDirectoryFixture>, IDisposable
{
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly List<SqliteConnectorStore> _stores = [];

    protected StoreTestBase(TempDirectoryFixture directory)
    {
        Directory = directory;
        DatabasePath = directory.NewDatabasePath();
        Store = CreateStore();
    }

    protected static CancellationToken Ct => CancellationToken.None;

    protected TempDirectoryFixture Directory { get; }

    /// <summary>The database file of this test.</summary>
    protected string DatabasePath { get; }

    protected FakeTimeProvider Time { get; } = new(T0);

    /// <summary>A store on <see cref="DatabasePath"/>; not initialized yet.</summary>
    protected SqliteConnectorStore Store { get; }

    /// <summary>Another store object on the same file, or on another path.</summary>
    protected SqliteConnectorStore CreateStore(string? path = null, Action<SqliteConnectorStoreOptions>? configure = null)
    {
        var options = new SqliteConnectorStoreOptions { DatabasePath = path ?? DatabasePath };
        configure?.Invoke(options);
        var store = new SqliteConnectorStore(options, logger: null, timeProvider: Time);
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs a query on a connection of its own to the test's file and returns the first column of every row.</summary>
    protected async Task<List<object?>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = await Store.OpenConnectionAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<object?>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    protected async Task<long> CountAsync(string table) =>
        (long)(await QueryAsync($"SELECT COUNT(*) FROM {table};"))[0]!;

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

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
