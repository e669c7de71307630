using System.Globalization;
using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.StoreFixtures;
using Connctd.Connector.Sdk.PostgreSql;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// <see cref="IOutboxStore.EnqueueAsync"/> of a property update, with an empty outbox and with 100,000 messages
/// already queued (a platform outage; bulk-loaded in set-up). <see cref="EnqueueNew"/> queues a new message (a property not queued yet: the
/// capacity check, then an insert); the outbox grows by one per invocation, a few thousand over a short run.
/// <see cref="EnqueueCoalesced"/> updates a property that is already queued (its value is replaced in place).
/// Each is one durable commit.
/// </summary>
[MemoryDiagnoser]
public class OutboxEnqueueBenchmarks
{
    private const string Payload = """{"thingId":"thing-000001","componentId":"sensor","propertyId":"temperature","value":"21.5","lastUpdate":"2026-11-25T10:00:00Z"}""";
    private const string TargetId = "bench-instance-00000";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private IConnectorStore _store = null!;
    private long _next;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = StoreKinds.Sqlite;

    [Params(0, 100_000)]
    public int Queued { get; set; }

    public static IEnumerable<string> Stores() => StoreKinds.Available();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = Store == StoreKinds.PostgreSql
            ? await PostgreSqlStoreFactory.CreateAsync("connctd_bench_outbox", dropFirst: true)
            : await SqliteStoreFactory.CreateEmptyAsync("outbox");
        if (Queued > 0)
        {
            // Bulk-loaded: 10^5 enqueues through the API would be 10^5 durable commits.
            const string Prefix = "property:thing-000001/sensor/queued-";
            if (_store is SqliteConnectorStore sqlite)
            {
                SqliteStoreFactory.FillOutbox(sqlite, Queued, TargetId, Prefix, Payload, Now);
            }
            else
            {
                await PostgreSqlStoreFactory.FillOutboxAsync((PostgreSqlConnectorStore)_store, Queued, TargetId, Prefix, Payload, Now);
            }

            long depth = (await _store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;
            if (depth != Queued)
            {
                throw new InvalidOperationException($"The outbox holds {depth} messages after the bulk load, expected {Queued}.");
            }
        }

        await _store.EnqueueAsync(Message("hot", -1), long.MaxValue, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_store is SqliteConnectorStore sqlite)
        {
            SqliteStoreFactory.Delete(sqlite);
        }
        else
        {
            await StoreKinds.DisposeAsync(_store);
        }
    }

    // A large capacity, so that EnqueueNew is never refused as full.
    private const long Capacity = 10_000_000;

    [Benchmark]
    public Task<OutboxEnqueueResult> EnqueueNew()
    {
        long n = _next++;
        return _store.EnqueueAsync(Message(string.Create(CultureInfo.InvariantCulture, $"new-{n}"), n), Capacity, CancellationToken.None);
    }

    [Benchmark]
    public Task<OutboxEnqueueResult> EnqueueCoalesced() =>
        _store.EnqueueAsync(Message("hot", _next++), Capacity, CancellationToken.None);

    // Every message carries another value: SQLite skips writing a row whose bytes do not change, and a commit
    // without changes costs no disk write, which is not what a device sending new values causes.
    private static OutboxMessage Message(string property, long value)
    {
        string key = $"property:thing-000001/sensor/{property}";
        string payload = Payload.Replace("21.5", string.Create(CultureInfo.InvariantCulture, $"{value % 1000}.5"), StringComparison.Ordinal);
        return new OutboxMessage(0, OutboxOperation.UpdatePropertyValue, TargetId, key, key, payload, Now, 0, Now, null);
    }
}
