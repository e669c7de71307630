using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Sync;

/// <summary>Runs the re-sync once after start-up, as <see cref="ConnctdConnectorOptions.ThingSync"/> says.</summary>
internal sealed class ThingSyncStartup(
    IThingSynchronizer synchronizer,
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

        try
        {
            ThingSyncReport report = mode == ThingSyncMode.Apply
                ? await synchronizer.ApplyAsync(stoppingToken).ConfigureAwait(false)
                : await synchronizer.PlanAsync(stoppingToken).ConfigureAwait(false);
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
