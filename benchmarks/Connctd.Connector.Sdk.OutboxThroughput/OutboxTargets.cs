using System.Globalization;

namespace Connctd.Connector.Sdk.OutboxThroughput;

/// <summary>
/// The issue's outbox targets beside the figures of this run, as a Markdown table: at least 10,000 updates per second
/// delivered to the loopback stub (the drain of a full queue), and at least 20,000 per second queued by the producers.
/// </summary>
internal static class OutboxTargets
{
    public const double DeliveredPerSecond = 10_000;
    public const double EnqueuedPerSecond = 20_000;

    public static void Print(IReadOnlyList<OutboxBenchmark.Figures> figures, int producers)
    {
        Console.WriteLine($"| store | enqueue, {producers} producers, no delivery running | target ≥ {EnqueuedPerSecond:N0}/s | delivered (drain) | target ≥ {DeliveredPerSecond:N0}/s | stub alone (yardstick) | delivered vs stub | sustained: queued / delivered end to end |");
        Console.WriteLine("|---|---:|---|---:|---|---:|---:|---|");
        foreach (OutboxBenchmark.Figures row in figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(row.Store == "postgresql" ? "PostgreSQL" : "SQLite")} | {row.EnqueuedPerSecond:N0}/s | {Verdict(row.EnqueuedPerSecond / EnqueuedPerSecond)} | {row.DeliveredPerSecond:N0}/s | {Verdict(row.DeliveredPerSecond / DeliveredPerSecond)} | {row.StubPerSecond:N0}/s | {100 * row.DeliveredPerSecond / row.StubPerSecond:F1} % | {row.SustainedEnqueuedPerSecond:N0}/s / {row.SustainedDeliveredPerSecond:N0}/s{(row.AllDelivered ? "" : " (not all delivered in time)")} |"));
        }

        Console.WriteLine();
        foreach (OutboxBenchmark.Figures row in figures)
        {
            string store = row.Store == "postgresql" ? "PostgreSQL" : "SQLite";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: {store} outbox delivers >= {DeliveredPerSecond:N0} updates/s: {row.DeliveredPerSecond:N0}/s — {(row.DeliveredPerSecond >= DeliveredPerSecond ? "met" : "MISSED")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: {store} enqueue >= {EnqueuedPerSecond:N0} updates/s with {producers} producers: {row.EnqueuedPerSecond:N0}/s — {(row.EnqueuedPerSecond >= EnqueuedPerSecond ? "met" : "MISSED")}"));
        }
    }

    private static string Verdict(double ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * ratio:F0} % of it, {(ratio >= 1 ? "met" : "missed")}");
}
