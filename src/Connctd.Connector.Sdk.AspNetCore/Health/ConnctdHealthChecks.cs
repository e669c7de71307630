using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Health;

internal sealed class StoreHealthCheck(IConnectorStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{store.GetType().Name} reachable.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{store.GetType().Name} cannot be reached.");
        }
    }
}

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

internal sealed class PlatformCircuitHealthCheck(PlatformClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.CircuitState switch
        {
            PlatformCircuitState.Closed => HealthCheckResult.Healthy("Platform calls flow."),
            PlatformCircuitState.HalfOpen => HealthCheckResult.Degraded("The circuit to the platform is testing recovery."),
            _ => HealthCheckResult.Degraded("The circuit to the platform is open after repeated failures; updates wait in the outbox."),
        });
}
