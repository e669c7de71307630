using System.Runtime.InteropServices;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// <c>--compare</c> and <c>--kestrel</c>: the same load (signed action callbacks, fresh ids, the driver's concurrency,
/// warm-up and duration) against several self-hosted targets in one run, one after the other, each in a server process
/// of its own (pinned to CPU 0 like <c>--self-host</c>), so every figure can be read beside the yardstick measured
/// minutes apart on the same busy machine: the in-memory action path (<c>--compare</c>) or the default host
/// (<c>--kestrel</c>). <c>POST /bench/noop</c> is loaded on the memory path's server, after it. With
/// <c>--rounds</c> the whole sequence repeats and the medians are reported.
/// </summary>
internal static class Comparison
{
    public static async Task<int> RunAsync(DriverOptions options)
    {
        using RequestSigner signer = RequestSigner.Generate();
        bool pinned = Pinning.IsPinnedProcess;
        Console.WriteLine($"connctd load driver, comparison, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Console.WriteLine($"machine: {Driver.CpuModel()}, {Driver.MachineCores()} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine(pinned ? "each server pinned to CPU 0, driver pinned to CPU 1" : $"not pinned ({Pinning.Unavailable() ?? "--no-pin"})");
        Console.WriteLine($"load per target: {options.Things} thing(s) in turn, concurrency {options.Concurrency}, warm-up {options.Warmup.TotalSeconds:F0} s, measured {options.Duration.TotalSeconds:F0} s; {options.Rounds} round(s)");

        IReadOnlyList<ServerPlan> plan = options.KestrelVariants is { } variants ? KestrelPlan(variants, options.Things) : StorePlan(options);
        if (plan.Any(server => server.Spec.Store == "sqlite"))
        {
            TimeSpan fsync = DiskProbe.MeasureFsync(Path.Combine(Path.GetTempPath(), "connctd-bench"));
            Console.WriteLine($"disk: one 4 KiB write + fsync takes {fsync.TotalMilliseconds:F2} ms (the floor under each SQLite commit)");
        }

        var measured = new Dictionary<string, List<Measurement>>(StringComparer.Ordinal);
        for (int round = 1; round <= options.Rounds; round++)
        {
            foreach (ServerPlan server in plan)
            {
                IReadOnlyList<Measurement>? results = await MeasureServerAsync(server, signer, options, pinned);
                if (results is null)
                {
                    return 1;
                }

                foreach (Measurement result in results)
                {
                    Console.WriteLine($"  round {round}, {result.Label}: {result.RequestsPerSecond:N0} requests/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, {result.CpuMicros:F0} µs server CPU per request{(result.Failed > 0 ? $", {result.Failed:N0} not 2xx" : "")} ({result.Warmup}{(result.MethodsCompiledWhileMeasured is { } jit ? $", {jit:N0} methods compiled while measured" : "")})");
                    if (!measured.TryGetValue(result.Label, out List<Measurement>? rounds))
                    {
                        rounds = [];
                        measured[result.Label] = rounds;
                    }

                    rounds.Add(result);
                }
            }
        }

        Dictionary<string, Measurement> medians = measured.ToDictionary(pair => pair.Key, pair => Measurement.Median(pair.Value), StringComparer.Ordinal);
        Console.WriteLine();
        if (options.KestrelVariants is { } kestrel)
        {
            ComparisonReport.PrintKestrel(kestrel.Select(HostSettings.Name).ToArray(), medians);
        }
        else
        {
            ComparisonReport.PrintStores(plan.SelectMany(server => server.Loads).Select(load => load.Label).ToArray(), medians);
        }

        return 0;
    }

    private static List<ServerPlan> StorePlan(DriverOptions options)
    {
        IReadOnlyList<string> targets = options.CompareTargets!;
        var plan = new List<ServerPlan>
        {
            new(new ServerSpec(ServerSpec.BenchApp, "memory", options.HostSettings, options.Things),
                targets.Contains("noop") ? [new Load("memory", Noop: false), new Load("noop", Noop: true)] : [new Load("memory", Noop: false)]),
        };
        foreach (string target in targets.Where(target => target is "sqlite" or "postgresql" or "lamp"))
        {
            if (target == "postgresql" && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CONNCTD_BENCH_POSTGRES")))
            {
                Console.WriteLine("PostgreSQL store: not measured (CONNCTD_BENCH_POSTGRES is not set)");
                continue;
            }

            ServerSpec spec = target == "lamp"
                ? new ServerSpec(ServerSpec.LampApp, "sqlite", options.HostSettings, options.Things)
                : new ServerSpec(ServerSpec.BenchApp, target, options.HostSettings, options.Things);
            plan.Add(new ServerPlan(spec, [new Load(target, Noop: false)]));
        }

        return plan;
    }

    private static List<ServerPlan> KestrelPlan(IReadOnlyList<IReadOnlyList<string>> variants, int things) =>
        variants.Select(variant => new ServerPlan(
            new ServerSpec(ServerSpec.BenchApp, "memory", variant, things),
            [new Load(ComparisonReport.KestrelLabel(variant, noop: false), Noop: false), new Load(ComparisonReport.KestrelLabel(variant, noop: true), Noop: true)])).ToList();

    /// <summary>Starts the server, installs through signed callbacks, checks a first action, then runs each load.</summary>
    private static async Task<IReadOnlyList<Measurement>?> MeasureServerAsync(ServerPlan plan, RequestSigner signer, DriverOptions options, bool pinned)
    {
        using ServerProcess server = await ServerProcess.StartAsync(signer.PublicKey.ToBase64(), plan.Spec, pinned ? 0 : null);
        using HttpClient http = LoadRun.CreateClient(options.Concurrency);
        var actionUrl = new Uri(server.ConnectorBase, "actions");
        if (!await Driver.PrepareAsync(http, signer, actionUrl, options, install: true))
        {
            Console.WriteLine($"set-up of {plan.Spec.App} ({plan.Spec.Store}, {HostSettings.Name(plan.Spec.Settings)}) failed");
            return null;
        }

        var results = new List<Measurement>();
        foreach (Load load in plan.Loads)
        {
            Uri url = load.Noop ? new Uri(server.ConnectorBase, "/bench/noop") : actionUrl;
            TimeSpan cpuBefore = default;
            long deliveredBefore = 0;
            ServerStats? before = null;
            LoadRun.Result result = await new LoadRun(options, signer, url).RunAsync(
                http,
                async () =>
                {
                    cpuBefore = server.TotalProcessorTime;
                    deliveredBefore = server.PropertyUpdatesDelivered;
                    before = await ServerStats.ReadAsync(http, server.ConnectorBase);
                },
                async () => (await ServerStats.ReadAsync(http, server.ConnectorBase))?.MethodsCompiled);
            TimeSpan cpu = server.TotalProcessorTime - cpuBefore;
            long delivered = server.PropertyUpdatesDelivered - deliveredBefore;
            ServerStats? after = await ServerStats.ReadAsync(http, server.ConnectorBase);
            long requests = Math.Max(1, result.Requests);
            long failed = result.Statuses.Where(pair => pair.Key is < 200 or > 299).Sum(pair => pair.Value);
            results.Add(new Measurement(
                load.Label,
                result.RequestsPerSecond,
                result.Percentile(0.50),
                result.Percentile(0.99),
                cpu.TotalMilliseconds * 1000 / requests,
                before is { } b && after is { } a ? (a.AllocatedBytes - b.AllocatedBytes) / (double)requests / 1024 : null,
                delivered / (double)requests,
                failed,
                result.WarmupText,
                before is { } b3 && after is { } a3 ? a3.MethodsCompiled - b3.MethodsCompiled : null));
        }

        return results;
    }

    private sealed record Load(string Label, bool Noop);

    private sealed record ServerPlan(ServerSpec Spec, IReadOnlyList<Load> Loads);
}
