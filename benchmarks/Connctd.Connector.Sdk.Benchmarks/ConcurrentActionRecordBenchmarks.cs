using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.StoreFixtures;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// The store's share of the action path without HTTP, signatures or the thread pool's request work: <see cref="Callers"/>
/// concurrent callers each recording actions (<c>TryBeginActionAsync</c>, then <c>UpdateActionAsync</c>) with
/// random ids, as the platform's are, so group commit batches them as it does under load. Beside it, in the same run,
/// the floor under one flushed commit (<see cref="Fsync4KiB"/>, the baseline). Steadier on a shared machine than the
/// load driver's ratios, so store changes (schema, pragmas, the write path) can be compared here first.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentActionRecordBenchmarks
{
    private const int ActionsPerInvoke = 256;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private readonly DiskBaselineBenchmarks _disk = new();
    private IConnectorStore _store = null!;
    private string _thingId = null!;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = StoreKinds.Sqlite;

    public static IEnumerable<string> Stores() => StoreKinds.Available();

    [Params(1, 16)]
    public int Callers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var data = new MappingData(1_000);
        _thingId = data.LookupThingIds[0];
        _store = await StoreKinds.OpenMappingsWithoutActionsAsync(Store, data);
        _disk.Setup();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _disk.Cleanup();
        await StoreKinds.DisposeWithoutActionsAsync(_store);
    }

    /// <summary>One 4 KiB write and fsync: the floor under each flushed commit, measured in the same run.</summary>
    [Benchmark(Baseline = true)]
    public void Fsync4KiB() => _disk.Fsync4KiB();

    /// <summary>Per action: <see cref="ActionsPerInvoke"/> actions recorded by <see cref="Callers"/> concurrent callers.</summary>
    [Benchmark(OperationsPerInvoke = ActionsPerInvoke)]
    public Task RecordActions()
    {
        var callers = new Task[Callers];
        for (var i = 0; i < callers.Length; i++)
        {
            int count = (ActionsPerInvoke / Callers) + (i < ActionsPerInvoke % Callers ? 1 : 0);
            callers[i] = Task.Run(() => RecordAsync(count));
        }

        return Task.WhenAll(callers);
    }

    private async Task RecordAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            string id = Guid.NewGuid().ToString();
            var action = new ActionRecord(id, MappingData.InstanceIdFor(0), _thingId, "lamp", "setOn", ActionStatus.Pending, null, 0, Now, Now);
            await _store.TryBeginActionAsync(action, CancellationToken.None).ConfigureAwait(false);
            await _store.UpdateActionAsync(id, ActionStatus.Completed, null, 204, Now, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
