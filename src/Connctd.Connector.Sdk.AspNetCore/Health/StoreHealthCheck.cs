using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.AspNetCore.Health;

/// <summary>Unhealthy when the store cannot be reached.</summary>
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
