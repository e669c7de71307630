using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>One run of the load driver: set-up (self-host, install), the verify ceiling, the load, the report.</summary>
internal static class Driver
{
    public static async Task<int> RunAsync(DriverOptions options)
    {
        using RequestSigner signer = options.PrivateKey is null ? RequestSigner.Generate() : RequestSigner.FromPrivateKeySeedBase64(options.PrivateKey);
        bool pinned = Pinning.IsPinnedProcess;
        Line($"connctd load driver, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Line($"machine: {CpuModel()}, {MachineCores()} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

        ServerProcess? server = null;
        try
        {
            Uri actionUrl;
            bool install = options.Install;
            if (options.SelfHost)
            {
                server = await ServerProcess.StartAsync(signer.PublicKey.ToBase64(), new ServerSpec(ServerSpec.BenchApp, options.Store, options.HostSettings, options.Things), pinned ? 0 : null);
                actionUrl = new Uri(server.ConnectorBase, "actions");
                install = true;
                string what = $"self-hosted connector ({StoreName(options.Store)}, do-nothing connector)";
                Line(pinned
                    ? $"{what} pinned to CPU 0; driver pinned to CPU 1"
                    : $"{what}; not pinned ({Pinning.Unavailable() ?? "--no-pin"})");
            }
            else
            {
                actionUrl = options.Url!;
            }

            Line($"target: POST {actionUrl} (signed as {options.SignedScheme}://{actionUrl.Authority}{actionUrl.PathAndQuery}), public key {signer.PublicKey}");
            using HttpClient http = LoadRun.CreateClient(options.Concurrency);
            if (!await PrepareAsync(http, signer, actionUrl, options, install))
            {
                return 1;
            }

            // The ceiling is measured before, between and after the load runs (a third of --ceiling each) and the median
            // is used: on a shared machine one measurement alone can catch a noisy neighbour.
            var ceilings = new List<(double Sdk, double Raw)> { VerifyCeiling.Measure(signer, actionUrl.Authority, actionUrl.PathAndQuery, options.CeilingTime / 3) };
            if (options.SelfHost && options.Store == "sqlite")
            {
                TimeSpan fsync = DiskProbe.MeasureFsync(Path.Combine(Path.GetTempPath(), "connctd-bench"));
                Line($"disk: one 4 KiB write + fsync takes {fsync.TotalMilliseconds:F2} ms (the floor under each SQLite commit)");
            }

            Line($"load: concurrency {options.Concurrency}, warm-up {options.Warmup.TotalSeconds:F0} s, measured {options.Duration.TotalSeconds:F0} s (at most {options.MaxRequests:N0} requests)");
            ServerStats? statsBefore = null;
            TimeSpan serverCpuBefore = default;
            TimeSpan driverCpuBefore = default;
            var run = new LoadRun(options, signer, actionUrl);
            LoadRun.Result result = await run.RunAsync(
                http,
                async () =>
                {
                    driverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    if (server is not null)
                    {
                        serverCpuBefore = server.TotalProcessorTime;
                        statsBefore = await ServerStats.ReadAsync(http, server.ConnectorBase);
                    }
                },
                server is null ? null : async () => (await ServerStats.ReadAsync(http, server.ConnectorBase))?.MethodsCompiled);
            Line($"measured after a {result.WarmupText}");
            TimeSpan driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverCpuBefore;
            TimeSpan serverCpu = server is null ? default : server.TotalProcessorTime - serverCpuBefore;
            ServerStats? statsAfter = server is null ? null : await ServerStats.ReadAsync(http, server.ConnectorBase);

            ceilings.Add(VerifyCeiling.Measure(signer, actionUrl.Authority, actionUrl.PathAndQuery, options.CeilingTime / 3));
            LoadRun.Result? baseline = null;
            TimeSpan baselineCpu = default;
            ServerStats? baselineStatsBefore = null;
            ServerStats? baselineStatsAfter = null;
            if (server is not null && options.Baseline)
            {
                // The same requests (signed, fresh ids) to an endpoint of the same server that only reads the body.
                var baselineUrl = new Uri(server.ConnectorBase, "/bench/noop");
                TimeSpan baselineCpuBefore = default;
                baseline = await new LoadRun(options, signer, baselineUrl).RunAsync(
                    http,
                    async () =>
                    {
                        baselineCpuBefore = server.TotalProcessorTime;
                        baselineStatsBefore = await ServerStats.ReadAsync(http, server.ConnectorBase);
                    },
                    async () => (await ServerStats.ReadAsync(http, server.ConnectorBase))?.MethodsCompiled);
                baselineCpu = server.TotalProcessorTime - baselineCpuBefore;
                baselineStatsAfter = await ServerStats.ReadAsync(http, server.ConnectorBase);
                ceilings.Add(VerifyCeiling.Measure(signer, actionUrl.Authority, actionUrl.PathAndQuery, options.CeilingTime / 3));
            }

            double ceiling = ceilings.Select(c => c.Sdk).Order().ElementAt(ceilings.Count / 2);
            double rawCeiling = ceilings.Select(c => c.Raw).Order().ElementAt(ceilings.Count / 2);
            Line($"Ed25519 verify ceiling, one core: {ceiling:N0} callbacks/s through SignatureVerifier ({1e6 / ceiling:F1} µs each; median of {string.Join(", ", ceilings.Select(c => c.Sdk.ToString("N0", CultureInfo.InvariantCulture)))}); raw libsodium verify {rawCeiling:N0}/s");
            Report(result, ceiling, options, driverCpu, serverCpu, server is not null, statsBefore, statsAfter);
            if (baseline is not null)
            {
                double baselineMicros = baselineCpu.TotalMilliseconds * 1000 / Math.Max(1, baseline.Requests);
                double callbackMicros = serverCpu.TotalMilliseconds * 1000 / Math.Max(1, result.Requests);
                string baselineAllocation = baselineStatsBefore is { } bb && baselineStatsAfter is { } ba && baseline.Requests > 0
                    ? $", {(ba.AllocatedBytes - bb.AllocatedBytes) / (double)baseline.Requests / 1024:F1} KB allocated per request"
                    : "";
                Line($"baseline, the same requests to POST /bench/noop (Kestrel and routing, no SDK): {baseline.RequestsPerSecond:N0} requests/s, p50 {baseline.Percentile(0.50):F2} ms, server CPU {100 * baselineCpu.TotalSeconds / baseline.Elapsed.TotalSeconds:F0} %, {baselineMicros:F0} µs per request{baselineAllocation}");
                Line($"per callback on the server: {callbackMicros:F0} µs CPU = Kestrel baseline {baselineMicros:F0} µs + SDK and store {callbackMicros - baselineMicros:F0} µs (of which the Ed25519 check {1e6 / ceiling:F0} µs); the check is {100 * (1e6 / ceiling) / callbackMicros:F0} % of the server's CPU per callback");
            }

            return 0;
        }
        finally
        {
            server?.Dispose();
        }
    }

    internal static async Task<bool> PrepareAsync(HttpClient http, RequestSigner signer, Uri actionUrl, DriverOptions options, bool install)
    {
        var callbacks = new CallbackClient(http, new Uri(actionUrl, "./"), signer, options.SignedScheme);
        if (install)
        {
            using HttpResponseMessage installed = await callbacks.InstallAsync("bench-installation", CancellationToken.None);
            // The Lamp sample reads its number of lamps from the instance configuration; the bench connector ignores it.
            string configuration = options.Things == 1 ? "[]" : string.Create(CultureInfo.InvariantCulture, $$"""[{"id":"lamps","value":"{{options.Things}}"}]""");
            using HttpResponseMessage instantiated = await callbacks.InstantiateAsync("bench-instance", "bench-installation", configuration, CancellationToken.None);
            Line($"installed through signed callbacks: installation {(int)installed.StatusCode}, instantiation {(int)instantiated.StatusCode}");
            if (!installed.IsSuccessStatusCode || !instantiated.IsSuccessStatusCode)
            {
                Line($"set-up failed: {await instantiated.Content.ReadAsStringAsync()}");
                return false;
            }
        }

        // The last thing too: the stub numbers things in the order they are created, so it exists once all do.
        foreach (string thingId in new[] { LoadRun.ThingFor(options, 0), LoadRun.ThingFor(options, options.Things - 1) }.Distinct(StringComparer.Ordinal))
        {
            using HttpResponseMessage probe = await callbacks.ActAsync($"probe-{Guid.NewGuid():N}", thingId, CancellationToken.None);
            if (!probe.IsSuccessStatusCode)
            {
                Line($"a first action on {thingId} was answered {(int)probe.StatusCode}: {await probe.Content.ReadAsStringAsync()}");
                return false;
            }
        }

        return true;
    }

    private static void Report(LoadRun.Result result, double ceiling, DriverOptions options, TimeSpan driverCpu, TimeSpan serverCpu, bool selfHosted, ServerStats? before, ServerStats? after)
    {
        double seconds = result.Elapsed.TotalSeconds;
        Line($"requests: {result.Requests:N0} in {seconds:F1} s = {result.RequestsPerSecond:N0} requests/s = {100 * result.RequestsPerSecond / ceiling:F1} % of the verify ceiling");
        Line($"latency: p50 {result.Percentile(0.50):F2} ms, p99 {result.Percentile(0.99):F2} ms, max {(result.LatencyMs.Length == 0 ? double.NaN : result.LatencyMs[^1]):F2} ms");
        Line("status: " + string.Join(", ", result.Statuses.Select(pair => $"{(pair.Key < 0 ? "error" : pair.Key.ToString(CultureInfo.InvariantCulture))} × {pair.Value:N0}")));
        if (result.Errors.Count > 0)
        {
            Line("errors: " + string.Join(", ", result.Errors.Select(pair => $"{pair.Key} × {pair.Value:N0}")));
        }

        if (selfHosted && result.Requests > 0)
        {
            string allocation = before is { } b && after is { } a
                ? $", {(a.AllocatedBytes - b.AllocatedBytes) / (double)result.Requests / 1024:F1} KB allocated per request (whole process), GC gen0/1/2 {a.Gen0 - b.Gen0}/{a.Gen1 - b.Gen1}/{a.Gen2 - b.Gen2}"
                : "";
            Line($"server: CPU {100 * serverCpu.TotalSeconds / seconds:F0} % of one core, {serverCpu.TotalMilliseconds * 1000 / result.Requests:F0} µs CPU per request (the verify alone: {1e6 / ceiling:F0} µs){allocation}");
        }

        Line($"driver: CPU {100 * driverCpu.TotalSeconds / seconds:F0} % of {(Pinning.IsPinnedProcess ? "its core" : "one core")}, concurrency {options.Concurrency}");
    }

    private static string StoreName(string store) => store switch
    {
        "postgresql" => "PostgreSQL store",
        "memory" => "action path in memory, not durable",
        _ => "SQLite store",
    };

    internal static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(text => text.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    // Environment.ProcessorCount is 1 in a pinned process; the machine's count is what the report needs.
    internal static int MachineCores()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").Count(text => text.StartsWith("processor", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return Environment.ProcessorCount;
        }
    }

    private static void Line(string text) => Console.WriteLine(text);
}
