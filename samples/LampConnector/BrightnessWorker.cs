using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;

namespace LampConnector;

/// <summary>
/// Finishes brightness changes: when one is due, the hub dims the lamp, the new brightness goes to the platform and
/// the pending action request is completed.
/// </summary>
public sealed class BrightnessWorker(BrightnessChanges changes, LampHub hub, IConnectorPlatform platform, TimeProvider time, ILogger<BrightnessWorker> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach ((BrightnessChange change, DateTimeOffset due) in changes.ReadAllAsync(stoppingToken))
            {
                TimeSpan wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await ApplyAsync(change, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyAsync(BrightnessChange change, CancellationToken cancellationToken)
    {
        hub.SetBrightness(change.InstanceId, change.LampId, change.Brightness);
        Log.Dimmed(logger, change.LampId, change.ThingId, change.Brightness);
        try
        {
            await platform.UpdatePropertyAsync(
                ThingReference.ById(change.ThingId),
                LampThings.Component,
                LampThings.Brightness,
                change.Brightness.ToString("R", CultureInfo.InvariantCulture),
                cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PropertyNotSent(logger, exception, change.LampId, LampThings.Brightness);
        }

        try
        {
            await platform.CompleteActionAsync(change.ActionRequestId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ActionNotCompleted(logger, exception, change.ActionRequestId);
        }
    }
}
