using Connctd.Connector.Sdk.AspNetCore.Upgrade;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Health;

/// <summary>Degraded while the last upgrade attempt of an installation or instance on this replica failed.</summary>
internal sealed class UpgradeHealthCheck(UpgradeMonitor monitor) : IHealthCheck
{
    private const int ListedAtMost = 5;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        KeyValuePair<string, FailingUpgrade>[] failing = [.. monitor.Failing.OrderBy(pair => pair.Key, StringComparer.Ordinal)];
        var data = new Dictionary<string, object>
        {
            ["version"] = monitor.TargetVersion,
            ["failing"] = failing.Length,
        };
        if (failing.Length == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"No upgrade is failing (version {monitor.TargetVersion}).", data));
        }

        foreach ((string subject, FailingUpgrade failure) in failing.Take(ListedAtMost))
        {
            data[subject] = $"attempt {failure.Attempts}: {failure.Error}; next attempt {failure.NextAttemptAt:O}";
        }

        return Task.FromResult(new HealthCheckResult(
            HealthStatus.Degraded,
            $"{failing.Length} installation(s) or instance(s) fail to upgrade to version {monitor.TargetVersion}: {string.Join(", ", failing.Take(ListedAtMost).Select(pair => pair.Key))}{(failing.Length > ListedAtMost ? ", …" : string.Empty)}.",
            data: data));
    }
}
