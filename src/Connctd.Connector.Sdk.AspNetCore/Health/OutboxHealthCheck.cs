using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Health;

/// <summary>Degraded when the oldest queued update is older than the threshold.</summary>
internal sealed class OutboxHealthCheck(IConnectorStore store, ConnctdMetrics metrics, TimeProvider timeProvider, TimeSpan maxAge) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        OutboxStatistics statistics = await store.GetOutboxStatisticsAsync(cancellationToken).ConfigureAwait(false);
        metrics.UpdateStatistics(statistics);
        TimeSpan age = statistics.OldestEnqueuedAt is { } oldest ? timeProvider.GetUtcNow() - oldest : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["depth"] = statistics.Depth,
            ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds, 1),
            ["deadLetters"] = statistics.DeadLetters,
        };
        return age <= maxAge
            ? HealthCheckResult.Healthy($"{statistics.Depth} message(s) queued.", data)
            : new HealthCheckResult(HealthStatus.Degraded, $"The oldest queued update is {age.TotalSeconds:F0} s old (threshold {maxAge.TotalSeconds:F0} s).", data: data);
    }
}
