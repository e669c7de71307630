using System.Globalization;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// Prints the tables of <see cref="Comparison"/> as Markdown (so they paste into benchmarks/README.md): every figure
/// beside the yardstick of the same run, and the issue's target lines, each marked met or missed.
/// </summary>
internal static class ComparisonReport
{
    private const string Yardstick = "memory";

    public static string KestrelLabel(IReadOnlyList<string> variant, bool noop) => (noop ? "noop " : "memory ") + HostSettings.Name(variant);

    public static void PrintStores(IReadOnlyList<string> labels, IReadOnlyDictionary<string, Measurement> results)
    {
        Measurement memory = results[Yardstick];
        Console.WriteLine("| target | requests/s | vs memory | p50 ms | p99 ms | p99 vs memory | server CPU per request | vs memory | allocated per request | not 2xx |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string label in labels.Where(results.ContainsKey))
        {
            Measurement row = results[label];
            Console.WriteLine(Invariant(
                $"| {Title(label)} | {row.RequestsPerSecond:N0} | {Percent(row.RequestsPerSecond, memory.RequestsPerSecond)} | {row.P50:F2} | {row.P99:F2} | {Times(row.P99, memory.P99)} | {row.CpuMicros:F0} µs | {Times(row.CpuMicros, memory.CpuMicros)} | {(row.AllocatedKb is { } kb ? Invariant($"{kb:F1} KB") : "–")} | {row.Failed:N0} |"));
        }

        Console.WriteLine();
        if (results.TryGetValue("lamp", out Measurement? lamp) && lamp.DeliveredPerRequest is { } delivered)
        {
            Console.WriteLine(Invariant($"Lamp: {delivered:F2} property updates delivered to the platform stub per setOn answered in the window (coalesced updates of a queued property count once)"));
        }

        if (results.TryGetValue("sqlite", out Measurement? sqlite))
        {
            Target("SQLite action callbacks >= 80 % of the memory path", sqlite.RequestsPerSecond / memory.RequestsPerSecond, 0.80, atLeast: true, percent: true);
            Target("server CPU per SQLite callback <= 1.3x the memory path's", sqlite.CpuMicros / memory.CpuMicros, 1.3, atLeast: false, percent: false);
        }

        if (results.TryGetValue("postgresql", out Measurement? postgres))
        {
            Target("PostgreSQL action callbacks >= 60 % of the memory path", postgres.RequestsPerSecond / memory.RequestsPerSecond, 0.60, atLeast: true, percent: true);
        }

        if (lamp is not null)
        {
            Target("Lamp setOn >= 50 % of the memory path", lamp.RequestsPerSecond / memory.RequestsPerSecond, 0.50, atLeast: true, percent: true);
            Target("Lamp setOn p99 <= 3x the memory path's p99", lamp.P99 / memory.P99, 3.0, atLeast: false, percent: false);
        }
    }

    public static void PrintKestrel(IReadOnlyList<string> variants, IReadOnlyDictionary<string, Measurement> results)
    {
        Measurement memoryDefault = results[KestrelLabel([], noop: false)];
        Measurement noopDefault = results[KestrelLabel([], noop: true)];
        Console.WriteLine("| host settings | memory path requests/s | vs default | p50 / p99 ms | server CPU per callback | vs default | noop requests/s | vs default | noop CPU per request | memory / noop |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (string variant in variants)
        {
            IReadOnlyList<string> settings = HostSettings.ParseVariant(variant);
            Measurement memory = results[KestrelLabel(settings, noop: false)];
            Measurement noop = results[KestrelLabel(settings, noop: true)];
            Console.WriteLine(Invariant(
                $"| {variant} | {memory.RequestsPerSecond:N0} | {Times(memory.RequestsPerSecond, memoryDefault.RequestsPerSecond)} | {memory.P50:F2} / {memory.P99:F2} | {memory.CpuMicros:F0} µs | {Times(memory.CpuMicros, memoryDefault.CpuMicros)} | {noop.RequestsPerSecond:N0} | {Times(noop.RequestsPerSecond, noopDefault.RequestsPerSecond)} | {noop.CpuMicros:F0} µs | {Percent(memory.RequestsPerSecond, noop.RequestsPerSecond)} |"));
        }

        Console.WriteLine();
        string best = variants.MaxBy(variant => results[KestrelLabel(HostSettings.ParseVariant(variant), noop: false)].RequestsPerSecond)!;
        Console.WriteLine($"fastest memory path in this run: {best} (read it against the noise: a variant within ~10 % of default is no measured gain on a shared machine)");
    }

    private static void Target(string what, double ratio, double bound, bool atLeast, bool percent)
    {
        bool met = atLeast ? ratio >= bound : ratio <= bound;
        string figure = percent ? Invariant($"{100 * ratio:F1} %") : Invariant($"{ratio:F2}x");
        Console.WriteLine($"target: {what}: {figure} — {(met ? "met" : "MISSED")}");
    }

    private static string Title(string label) => label switch
    {
        "memory" => "action path in memory (yardstick)",
        "sqlite" => "SQLite store (default)",
        "postgresql" => "PostgreSQL store",
        "lamp" => "Lamp sample `setOn` (SQLite, outbox)",
        "noop" => "`POST /bench/noop` (Kestrel only)",
        _ => label,
    };

    private static string Percent(double value, double yardstick) => Invariant($"{100 * value / yardstick:F1} %");

    private static string Times(double value, double yardstick) => Invariant($"{value / yardstick:F2}x");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
