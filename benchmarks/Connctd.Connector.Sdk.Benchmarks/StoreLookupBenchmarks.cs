using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.StoreFixtures;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// <see cref="IConnectorStore.FindThingAsync"/> (thing id → instance, the lookup of every action callback) with 10^3,
/// 10^5 and 10^6 mappings, cycling through 4,096 existing thing ids picked at random. The target: 10^6 within 1.2× of
/// 10^3. The databases are built once per size (see <see cref="SqliteStoreFactory"/> and
/// <see cref="PostgreSqlStoreFactory"/>).
/// </summary>
[MemoryDiagnoser]
public class StoreLookupBenchmarks
{
    private IConnectorStore _store = null!;
    private string[] _thingIds = null!;
    private int _next;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = StoreKinds.Sqlite;

    [Params(1_000, 100_000, 1_000_000)]
    public int Mappings { get; set; }

    public static IEnumerable<string> Stores() => StoreKinds.Available();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var data = new MappingData(Mappings);
        _thingIds = [.. data.LookupThingIds];
        _store = await StoreKinds.OpenMappingsAsync(Store, data);
        foreach (string thingId in _thingIds)
        {
            _ = await _store.FindThingAsync(thingId, CancellationToken.None)
                ?? throw new InvalidOperationException($"Thing {thingId} is missing from the {Store} database with {Mappings} mappings.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await StoreKinds.DisposeAsync(_store);
    }

    [Benchmark]
    public Task<ThingMapping?> FindThing()
    {
        string thingId = _thingIds[_next++ & (MappingData.LookupSampleSize - 1)];
        return _store.FindThingAsync(thingId, CancellationToken.None);
    }
}
