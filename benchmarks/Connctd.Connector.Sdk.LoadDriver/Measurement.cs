namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>One target's figures from one load (or the medians over rounds); <see cref="Warmup"/> and <see cref="MethodsCompiledWhileMeasured"/> say whether it measured settled code.</summary>
internal sealed record Measurement(
    string Label,
    double RequestsPerSecond,
    double P50,
    double P99,
    double CpuMicros,
    double? AllocatedKb,
    double? DeliveredPerRequest,
    long Failed,
    string Warmup,
    long? MethodsCompiledWhileMeasured)
{
    public static Measurement Median(IReadOnlyList<Measurement> rounds)
    {
        static double Mid(IEnumerable<double> values)
        {
            double[] sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return rounds.Count == 1
            ? rounds[0]
            : new Measurement(
                rounds[0].Label,
                Mid(rounds.Select(r => r.RequestsPerSecond)),
                Mid(rounds.Select(r => r.P50)),
                Mid(rounds.Select(r => r.P99)),
                Mid(rounds.Select(r => r.CpuMicros)),
                rounds.All(r => r.AllocatedKb is not null) ? Mid(rounds.Select(r => r.AllocatedKb!.Value)) : null,
                rounds.All(r => r.DeliveredPerRequest is not null) ? Mid(rounds.Select(r => r.DeliveredPerRequest!.Value)) : null,
                rounds.Sum(r => r.Failed),
                string.Join("; ", rounds.Select(r => r.Warmup)),
                rounds.All(r => r.MethodsCompiledWhileMeasured is not null) ? rounds.Max(r => r.MethodsCompiledWhileMeasured) : null);
    }
}
