using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

/// <summary>
/// Delivers the outbox in the background on every replica, through <see cref="OutboxDelivery"/>: leases a batch,
/// delivers it, and waits for new messages when the outbox is empty. On shutdown it stops leasing, lets deliveries in
/// progress finish within <see cref="OutboxOptions.DrainTimeout"/> and hands back what it did not start. Does nothing
/// when <see cref="OutboxOptions.BackgroundDelivery"/> is off (serverless hosts drain through <see cref="IOutboxDrainer"/>).
/// </summary>
internal sealed class OutboxDeliveryWorker(
    OutboxDelivery delivery,
    ConnectorOutbox outbox,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDeliveryWorker> logger) : BackgroundService
{
    private CancellationTokenSource? _drain;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            _drain?.CancelAfter(options.CurrentValue.Outbox.DrainTimeout);
        }
        catch (ObjectDisposedException)
        {
            // A host that disposes its services before stopping them (seen with WebApplicationFactory): the worker is gone already.
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _drain?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Outbox.BackgroundDelivery)
        {
            Log.OutboxBackgroundDeliveryOff(logger);
            return;
        }

        _drain = new CancellationTokenSource();
        CancellationToken drainToken = _drain.Token;
        await delivery.ReclaimLeasesOfPreviousLivesAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            OutboxOptions settings = options.CurrentValue.Outbox;
            OutboxDelivery.LeasedBatch batch;
            try
            {
                batch = await delivery.LeaseAsync(settings.BatchSize, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                Log.OutboxLeaseFailed(logger, exception);
                await DelayAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (batch.Messages.Count == 0)
            {
                try
                {
                    await outbox.WaitForWorkAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            // Deliveries use the drain token, not the stopping token: a call in progress finishes unless draining takes too long.
            await delivery.DeliverAsync(batch, stoppingToken, drainToken).ConfigureAwait(false);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
