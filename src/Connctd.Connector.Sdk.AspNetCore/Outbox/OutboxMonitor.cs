using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Hosting;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

/// <summary>Reads the outbox's size every few seconds for the gauges and the health check.</summary>
internal sealed class OutboxMonitor(IConnectorStore store, ConnctdMetrics metrics, TimeProvider timeProvider) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    metrics.UpdateStatistics(await store.GetOutboxStatisticsAsync(stoppingToken).ConfigureAwait(false));
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The store health check reports an unreachable store; keep the last figures.
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
