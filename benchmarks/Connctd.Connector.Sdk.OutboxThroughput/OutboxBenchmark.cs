using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connctd.Connector.Sdk.OutboxThroughput;

/// <summary>
/// Property updates through the durable outbox to a platform stub on 127.0.0.1, in phases:
/// <list type="number">
/// <item><description>install: one instance with <c>--things</c> things, through real signed callbacks;</description></item>
/// <item><description>warm-up: rounds of updates queued and delivered until the JIT has settled (at most 90 s), not measured;</description></item>
/// <item><description>enqueue: <c>--updates</c> updates of distinct properties queued by <c>--producers</c> concurrent
/// callers of <see cref="IConnectorPlatform.UpdatePropertyAsync"/> while no delivery runs (the host is built, not started);</description></item>
/// <item><description>deliver: the host starts and its outbox worker drains them: updates delivered per second;</description></item>
/// <item><description>sustained: as many updates again, queued while the worker delivers;</description></item>
/// <item><description>slow platform, hot properties: the stub takes <c>--slow</c> per call and the producers update the same
/// <c>--hot-properties</c> properties again and again for <c>--slow-duration</c>: the depth stays bounded by coalescing;</description></item>
/// <item><description>slow platform, distinct properties: nothing coalesces and the depth grows by the difference of the two rates.</description></item>
/// </list>
/// </summary>
internal static class OutboxBenchmark
{
    private const string InstanceId = "bench-instance";

    /// <summary>The longest warm-up.</summary>
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(90);

    public sealed class Settings
    {
        public int Updates { get; set; } = 20_000;

        public int Producers { get; set; } = 8;

        public int Things { get; set; } = 20;

        public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(50);

        public TimeSpan SlowDuration { get; set; } = TimeSpan.FromSeconds(10);

        public int HotProperties { get; set; } = 100;

        public string Store { get; set; } = "sqlite";

        public int BatchSize { get; set; } = new OutboxOptions().BatchSize;

        public int ConcurrentDeliveries { get; set; } = new OutboxOptions().MaxConcurrentDeliveries;

        /// <summary>How long each throughput phase may queue, and then deliver, before its rate is taken from what was done.</summary>
        public TimeSpan PhaseLimit { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Whether to run the two slow-platform phases (off with <c>--no-slow</c>).</summary>
        public bool SlowPhases { get; set; } = true;
    }

    /// <summary>The figures the targets are read against: enqueue, drain and end-to-end rates (updates per second).</summary>
    public sealed record Figures(string Store, double StubPerSecond, double EnqueuedPerSecond, double DeliveredPerSecond, double SustainedEnqueuedPerSecond, double SustainedDeliveredPerSecond, bool AllDelivered);

    /// <summary>Runs every phase against <see cref="Settings.Store"/>; the figures, or null when set-up failed.</summary>
    public static async Task<Figures?> RunAsync(Settings settings)
    {
        string directory = Path.Combine(Path.GetTempPath(), "connctd-bench", "outbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string? postgres = null;
        const string Schema = "connctd_bench_outbox_throughput";
        if (settings.Store == "postgresql")
        {
            postgres = Environment.GetEnvironmentVariable("CONNCTD_BENCH_POSTGRES");
            if (string.IsNullOrWhiteSpace(postgres))
            {
                Console.Error.WriteLine("--store postgresql needs a connection string in CONNCTD_BENCH_POSTGRES (eng/postgres.sh start prints one).");
                return null;
            }

            await DropSchemaAsync(postgres, Schema);
        }

        Console.WriteLine($"connctd outbox throughput, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; everything in this process");
        Console.WriteLine($"store: {settings.Store}; outbox: batch {settings.BatchSize}, {settings.ConcurrentDeliveries} concurrent deliveries; {settings.Producers} producers, {settings.Things} things");
        if (postgres is null)
        {
            Console.WriteLine($"disk: one 4 KiB write + fsync takes {DiskProbe.MeasureFsync(directory).TotalMilliseconds:F2} ms (the floor under each SQLite commit)");
        }

        try
        {
            await using PlatformStub stub = await PlatformStub.StartAsync();
            using RequestSigner signer = RequestSigner.Generate();
            BenchConnector.ThingsPerInstance = settings.Things;
            string publicKey = signer.PublicKey.ToBase64();

            string[] thingIds;
            await using (ConnectorHost host = ConnectorHost.Build(directory, publicKey, stub.BaseUrl, postgres, Schema, settings.BatchSize, settings.ConcurrentDeliveries))
            {
                await host.StartAsync();
                using var http = new HttpClient();
                var callbacks = new CallbackClient(http, host.ConnectorBase!, signer);
                using HttpResponseMessage installed = await callbacks.InstallAsync("bench-installation", CancellationToken.None);
                using HttpResponseMessage instantiated = await callbacks.InstantiateAsync(InstanceId, "bench-installation", CancellationToken.None);
                thingIds = (await host.Platform.GetThingsAsync(InstanceId)).Select(thing => thing.ThingId).ToArray();
                Console.WriteLine($"install: installation {(int)installed.StatusCode}, instantiation {(int)instantiated.StatusCode}, {thingIds.Length} things");
                if (thingIds.Length != settings.Things)
                {
                    return null;
                }

                (TimeSpan warmup, bool settled) = await WarmUpAsync(host, stub, thingIds, settings);
                Console.WriteLine($"warm-up: updates queued and delivered for {warmup.TotalSeconds:F0} s, {(settled ? "until the JIT settled" : "the JIT not settled")} (not measured)");
            }

            double stubPerSecond = await StubYardstick.MeasureAsync(stub.BaseUrl, settings.ConcurrentDeliveries, TimeSpan.FromSeconds(2));
            double stubWider = await StubYardstick.MeasureAsync(stub.BaseUrl, 4 * settings.ConcurrentDeliveries, TimeSpan.FromSeconds(2));
            Console.WriteLine($"yardstick: the stub answers {stubPerSecond:N0} PUTs/s from {settings.ConcurrentDeliveries} concurrent HTTP clients of this process ({stubWider:N0}/s from {4 * settings.ConcurrentDeliveries}; no outbox, no store)");
            await using (ConnectorHost host = ConnectorHost.Build(directory, publicKey, stub.BaseUrl, postgres, Schema, settings.BatchSize, settings.ConcurrentDeliveries))
            {
                int things = thingIds.Length;
                Produced queued = await ProduceAsync(host.Platform, settings.Producers, settings.Updates, settings.PhaseLimit,
                    i => (thingIds[i % things], $"p{i / things}"));
                long depth = (await host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;
                Console.WriteLine($"enqueue (no delivery running): {queued.Calls:N0} updates in {queued.Elapsed.TotalSeconds:F2} s = {queued.PerSecond:N0} updates/s queued; depth {depth:N0}");

                long deliveredBefore = stub.PropertyUpdates;
                long start = Stopwatch.GetTimestamp();
                await host.StartAsync();
                (long delivered, TimeSpan deliveryTime) = await WaitForDeliveriesAsync(stub, deliveredBefore, queued.Calls, start, settings.PhaseLimit);
                double drained = delivered / deliveryTime.TotalSeconds;
                bool allDelivered = delivered >= queued.Calls;
                Console.WriteLine($"deliver (queue drained by the worker): {delivered:N0} updates in {deliveryTime.TotalSeconds:F2} s = {drained:N0} updates/s delivered");

                deliveredBefore = stub.PropertyUpdates;
                start = Stopwatch.GetTimestamp();
                Produced sustained = await ProduceAsync(host.Platform, settings.Producers, settings.Updates, settings.PhaseLimit,
                    i => (thingIds[i % things], $"s{i / things}"));
                (delivered, deliveryTime) = await WaitForDeliveriesAsync(stub, deliveredBefore, sustained.Calls, start, settings.PhaseLimit);
                Console.WriteLine($"sustained (queued while delivering): {sustained.Calls:N0} updates queued at {sustained.PerSecond:N0}/s, {delivered:N0} delivered after {deliveryTime.TotalSeconds:F2} s = {delivered / deliveryTime.TotalSeconds:N0} updates/s end to end");
                var figures = new Figures(settings.Store, stubPerSecond, queued.PerSecond, drained, sustained.PerSecond, delivered / deliveryTime.TotalSeconds, allDelivered && delivered >= sustained.Calls);
                if (!settings.SlowPhases)
                {
                    return figures;
                }

                stub.Delay = settings.SlowDelay;
                await SlowPhaseAsync(host, stub, settings, $"slow platform ({settings.SlowDelay.TotalMilliseconds:F0} ms per call), {settings.HotProperties} hot properties updated again and again",
                    i => (thingIds[i % things], $"hot{(i / things) % Math.Max(1, settings.HotProperties / things)}"));
                stub.Delay = TimeSpan.Zero;
                await DrainAsync(host.Store, TimeSpan.FromMinutes(2));

                stub.Delay = settings.SlowDelay;
                await SlowPhaseAsync(host, stub, settings, $"slow platform ({settings.SlowDelay.TotalMilliseconds:F0} ms per call), every update a new property",
                    i => (thingIds[i % things], $"d{i / things}"));
                stub.Delay = TimeSpan.Zero;
                return figures;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }

            if (postgres is not null)
            {
                await DropSchemaAsync(postgres, Schema);
            }
        }
    }

    /// <summary>
    /// Queues and delivers rounds of updates until the JIT has settled (<see cref="JitSettling"/>) or <see cref="MaxWarmup"/>,
    /// so the phases after it measure optimised code.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, bool Settled)> WarmUpAsync(ConnectorHost host, PlatformStub stub, string[] thingIds, Settings settings)
    {
        long start = Stopwatch.GetTimestamp();
        var jit = new JitSettling(JitInfo.GetCompiledMethodCount(currentThread: false));
        long sampled = start;
        for (int round = 0; !jit.IsSettled; round++)
        {
            if (Stopwatch.GetElapsedTime(start) >= MaxWarmup)
            {
                return (Stopwatch.GetElapsedTime(start), false);
            }

            long before = stub.PropertyUpdates;
            Produced produced = await ProduceAsync(host.Platform, settings.Producers, 2_000, settings.PhaseLimit,
                i => (thingIds[i % thingIds.Length], string.Create(CultureInfo.InvariantCulture, $"w{round}-{i / thingIds.Length}")));
            await WaitForDeliveriesAsync(stub, before, produced.Calls, Stopwatch.GetTimestamp(), settings.PhaseLimit);
            if (Stopwatch.GetElapsedTime(sampled) >= JitSettling.Window)
            {
                jit.Add(JitInfo.GetCompiledMethodCount(currentThread: false));
                sampled = Stopwatch.GetTimestamp();
            }
        }

        return (Stopwatch.GetElapsedTime(start), true);
    }

    private readonly record struct Produced(long Calls, long Full, TimeSpan Elapsed)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;
    }

    /// <summary>Calls UpdatePropertyAsync <paramref name="count"/> times from <paramref name="producers"/> tasks, or until <paramref name="limit"/>.</summary>
    private static async Task<Produced> ProduceAsync(IConnectorPlatform platform, int producers, long count, TimeSpan limit, Func<long, (string ThingId, string PropertyId)> pick)
    {
        long next = -1;
        long calls = 0;
        long full = 0;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                long i = Interlocked.Increment(ref next);
                if (i >= count || Stopwatch.GetTimestamp() >= end)
                {
                    return;
                }

                (string thingId, string propertyId) = pick(i);
                try
                {
                    await platform.UpdatePropertyAsync(ThingReference.ById(thingId), "lamp", propertyId, i.ToString(CultureInfo.InvariantCulture));
                    Interlocked.Increment(ref calls);
                }
                catch (OutboxFullException)
                {
                    Interlocked.Increment(ref full);
                }
            }
        })));
        return new Produced(calls, full, Stopwatch.GetElapsedTime(start));
    }

    private static async Task<(long Delivered, TimeSpan Elapsed)> WaitForDeliveriesAsync(PlatformStub stub, long before, long expected, long start, TimeSpan limit)
    {
        long deadline = start + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (stub.PropertyUpdates - before < expected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5);
        }

        long delivered = stub.PropertyUpdates - before;
        if (delivered < expected)
        {
            Console.WriteLine($"  (only {delivered:N0} of {expected:N0} delivered within {limit.TotalSeconds:F0} s)");
        }

        return (delivered, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Producers run for the slow duration against the slow stub; the depth is printed every second.</summary>
    private static async Task SlowPhaseAsync(ConnectorHost host, PlatformStub stub, Settings settings, string title, Func<long, (string ThingId, string PropertyId)> pick)
    {
        Console.WriteLine($"{title}, {settings.SlowDuration.TotalSeconds:F0} s:");
        long deliveredBefore = stub.PropertyUpdates;
        long startDepth = (await host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;
        long start = Stopwatch.GetTimestamp();
        Task<Produced> producing = ProduceAsync(host.Platform, settings.Producers, long.MaxValue, settings.SlowDuration, pick);
        var samples = new List<string>();
        while (!producing.IsCompleted)
        {
            await Task.WhenAny(producing, Task.Delay(TimeSpan.FromSeconds(1)));
            long depth = (await host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;
            samples.Add(string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(start).TotalSeconds:F0}s:{depth:N0}"));
        }

        Produced produced = await producing;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long endDepth = (await host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;
        long delivered = stub.PropertyUpdates - deliveredBefore;
        long coalesced = Math.Max(0, produced.Calls - delivered - (endDepth - startDepth));
        Console.WriteLine($"  depth over time: {string.Join(" ", samples)}");
        Console.WriteLine($"  {produced.Calls:N0} updates queued ({produced.PerSecond:N0}/s){(produced.Full > 0 ? $", {produced.Full:N0} refused as full" : "")}; {delivered:N0} delivered ({delivered / elapsed.TotalSeconds:N0}/s); {coalesced:N0} coalesced into a queued update; depth {startDepth:N0} -> {endDepth:N0}");
    }

    private static async Task DrainAsync(IConnectorStore store, TimeSpan limit)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while ((await store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }
    }

    private static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
