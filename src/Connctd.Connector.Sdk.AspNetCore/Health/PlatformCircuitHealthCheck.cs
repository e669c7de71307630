using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Health;

/// <summary>Degraded while the circuit breaker of platform calls is not closed.</summary>
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
