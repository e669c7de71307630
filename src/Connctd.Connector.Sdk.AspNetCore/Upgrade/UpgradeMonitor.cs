using System.Collections.Concurrent;

namespace Connctd.Connector.Sdk.AspNetCore.Upgrade;

/// <summary>What this replica knows of the upgrades: the failing installations and instances (for the health check and the gauge) and whether the first pass after start is done.</summary>
internal sealed class UpgradeMonitor(ConnctdMetrics metrics)
{
    private readonly ConcurrentDictionary<string, FailingUpgrade> _failing = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first upgrade pass after start ended (or upgrades are off), so the re-sync runs after the hooks.</summary>
    public Task FirstPass => _firstPass.Task;

    /// <summary>The connector version the runner upgrades to; 0 before it started or when upgrades are off.</summary>
    public int TargetVersion { get; set; }

    /// <summary>The failing subjects, by subject.</summary>
    public IReadOnlyDictionary<string, FailingUpgrade> Failing => _failing;

    public void FirstPassDone() => _firstPass.TrySetResult();

    public void Failed(string subject, FailingUpgrade failure)
    {
        _failing[subject] = failure;
        metrics.UpdateUpgradesFailing(_failing.Count);
    }

    public void Cleared(string subject)
    {
        if (_failing.TryRemove(subject, out _))
        {
            metrics.UpdateUpgradesFailing(_failing.Count);
        }
    }
}
