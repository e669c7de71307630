using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>Degraded while any upstream circuit is not closed; the data lists every circuit built so far with its state.</summary>
internal sealed class UpstreamHealthCheck(UpstreamCircuitRegistry circuits) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<(UpstreamCircuitKey Key, UpstreamCircuitState State)> snapshot = circuits.Snapshot();
        var data = snapshot.ToDictionary(entry => entry.Key.ToString(), entry => (object)entry.State.ToString(), StringComparer.Ordinal);
        int notClosed = snapshot.Count(entry => entry.State != UpstreamCircuitState.Closed);
        return Task.FromResult(notClosed == 0
            ? HealthCheckResult.Healthy($"{snapshot.Count} upstream circuit(s) closed.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"{notClosed} upstream circuit(s) open after repeated failures; their things are marked UNAVAILABLE.", data: data));
    }
}
