using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Upgrade;

/// <summary>
/// Runs the upgrade hooks after start, in the background, as <see cref="ConnctdConnectorOptions.Upgrade"/> says: one
/// pass over the chosen installations and instances, then again every poll interval, so that failed hooks are retried
/// with backoff and those of a replica that died are taken over once its lease expires. A dry run only reports.
/// </summary>
internal sealed class UpgradeRunner(
    IConnectorUpgrader upgrader,
    UpgradeMonitor monitor,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<UpgradeRunner> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            monitor.FirstPassDone();
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        int target = await WithRetriesAsync(() => Task.FromResult(upgrader.TargetVersion), stoppingToken).ConfigureAwait(false);
        monitor.TargetVersion = target;
        if (target <= 0)
        {
            Log.UpgradesOff(logger);
            return;
        }

        UpgradeOptions settings = options.CurrentValue.Upgrade;
        UpgradeScope scope = settings.ToScope();
        if (settings.DryRun)
        {
            UpgradeReport plan = await WithRetriesAsync(() => upgrader.PlanAsync(scope, stoppingToken), stoppingToken).ConfigureAwait(false);
            foreach (SubjectUpgradeReport subject in plan.Subjects.Where(subject => subject.Outcome == UpgradeSubjectOutcome.Upgraded))
            {
                Log.UpgradePlanned(logger, subject.Kind, subject.Id, subject.FromVersion, target);
            }

            Log.UpgradePassDone(logger, target, "planned (dry run; set Connctd:Upgrade:DryRun to false to run the hooks)", scope.ToString(), plan.UpgradedCount, plan.FailedCount, plan.PendingCount);
            return;
        }

        bool first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            UpgradeReport report = await WithRetriesAsync(() => upgrader.RunAsync(scope, stoppingToken), stoppingToken).ConfigureAwait(false);
            if (first || report.UpgradedCount > 0 || report.FailedCount > 0)
            {
                Log.UpgradePassDone(logger, target, "applied", scope.ToString(), report.UpgradedCount, report.FailedCount, report.PendingCount);
            }

            if (first)
            {
                first = false;
                monitor.FirstPassDone();
            }

            await Task.Delay(NextWait(options.CurrentValue.Upgrade), timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>The poll interval, or less when a failed hook of this replica is due sooner.</summary>
    private TimeSpan NextWait(UpgradeOptions settings)
    {
        TimeSpan wait = settings.PollInterval;
        DateTimeOffset now = timeProvider.GetUtcNow();
        foreach (FailingUpgrade failing in monitor.Failing.Values)
        {
            TimeSpan due = failing.NextAttemptAt - now;
            if (due < wait)
            {
                wait = due;
            }
        }

        return wait < ShortestWait ? ShortestWait : wait;
    }

    /// <summary>Runs a pass; when the store or the connector fails outside any hook, logs and tries again after the retry delay.</summary>
    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> pass, CancellationToken stoppingToken)
    {
        int attempts = 0;
        while (true)
        {
            try
            {
                return await pass().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay = ConnectorUpgrader.Backoff(options.CurrentValue.Upgrade, ++attempts);
                Log.UpgradeRunnerFailed(logger, exception, delay);
                monitor.FirstPassDone();
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
