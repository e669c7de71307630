using Connctd.Connector.Sdk.AspNetCore.Upgrade;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Sync;

/// <summary>
/// Runs the re-sync once after start-up, as <see cref="ConnctdConnectorOptions.ThingSync"/> says: after the first
/// upgrade pass (so the instances' upgrade hooks ran first), for the instances of a targeted roll-out
/// (<c>Connctd:Upgrade:Installations</c> / <c>Instances</c>) only, and as a report only in an upgrade dry run.
/// </summary>
internal sealed class ThingSyncStartup(
    IThingSynchronizer synchronizer,
    UpgradeMonitor upgrades,
    IOptions<ConnctdConnectorOptions> options,
    ILogger<ThingSyncStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ThingSyncMode mode = options.Value.ThingSync;
        if (mode == ThingSyncMode.Off)
        {
            return;
        }

        UpgradeOptions upgrade = options.Value.Upgrade;
        if (upgrade.DryRun)
        {
            mode = ThingSyncMode.Report;
        }

        UpgradeScope scope = upgrade.ToScope();
        try
        {
            await upgrades.FirstPass.WaitAsync(stoppingToken).ConfigureAwait(false);
            ThingSyncReport report = mode == ThingSyncMode.Apply
                ? await synchronizer.ApplyAsync(scope, stoppingToken).ConfigureAwait(false)
                : await synchronizer.PlanAsync(scope, stoppingToken).ConfigureAwait(false);
            Log.ThingSyncDone(logger, report.Applied ? "applied" : "planned (dry run; set Connctd:ThingSync to Apply to change them)", report.Instances.Count, report.MissingCount, report.ChangedCount, report.ObsoleteCount);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.ThingSyncFailed(logger, exception);
        }
    }
}
