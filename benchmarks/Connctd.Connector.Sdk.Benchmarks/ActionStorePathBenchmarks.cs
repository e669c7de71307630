using System.Globalization;
using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.StoreFixtures;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// The store calls of one action callback, one by one, on a database with 1,000 mappings: the two reads
/// (<see cref="FindThing"/>, <see cref="GetInstance"/>) and the two durable writes that record the action before the
/// answer (<see cref="RecordAction"/>: <c>TryBeginActionAsync</c> + <c>UpdateActionAsync</c>, a fresh id each time).
/// Their sum is what the store adds to each action callback.
/// </summary>
[MemoryDiagnoser]
public class ActionStorePathBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private IConnectorStore _store = null!;
    private string _thingId = null!;
    private long _next;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = StoreKinds.Sqlite;

    public static IEnumerable<string> Stores() => StoreKinds.Available();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var data = new MappingData(1_000);
        _thingId = data.LookupThingIds[0];
        _store = await StoreKinds.OpenMappingsWithoutActionsAsync(Store, data);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await StoreKinds.DisposeWithoutActionsAsync(_store);
    }

    [Benchmark]
    public Task<ThingMapping?> FindThing() => _store.FindThingAsync(_thingId, CancellationToken.None);

    [Benchmark]
    public Task<InstanceRecord?> GetInstance() => _store.GetInstanceAsync(MappingData.InstanceIdFor(0), CancellationToken.None);

    [Benchmark]
    public async Task<bool> RecordAction()
    {
        string id = string.Create(CultureInfo.InvariantCulture, $"bench-action-{_next++}");
        var action = new ActionRecord(id, MappingData.InstanceIdFor(0), _thingId, "lamp", "setOn", ActionStatus.Pending, null, 0, Now, Now);
        await _store.TryBeginActionAsync(action, CancellationToken.None);
        return await _store.UpdateActionAsync(id, ActionStatus.Completed, null, 204, Now, CancellationToken.None);
    }
}
