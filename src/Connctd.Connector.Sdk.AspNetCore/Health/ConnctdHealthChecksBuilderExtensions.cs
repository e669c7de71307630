using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.AspNetCore.Health;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the connector's health checks.</summary>
public static class ConnctdHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds four checks, tagged <c>connctd</c>: <see cref="ConnctdHealthCheckNames.Store"/> (unhealthy when the store
    /// cannot be reached), <see cref="ConnctdHealthCheckNames.Outbox"/> (degraded when the oldest queued update is older than
    /// <paramref name="outboxMaxAge"/>) and <see cref="ConnctdHealthCheckNames.PlatformCircuit"/> (degraded while the circuit
    /// breaker of platform calls is open) and <see cref="ConnctdHealthCheckNames.Upgrade"/> (degraded while an upgrade hook keeps
    /// failing on this replica). Map them with <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The health checks builder from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="outboxMaxAge">The age of the oldest queued update above which the outbox is degraded; 5 minutes by default.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddConnctdConnectorChecks(this IHealthChecksBuilder builder, TimeSpan? outboxMaxAge = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TimeSpan maxAge = outboxMaxAge ?? TimeSpan.FromMinutes(5);
        string[] tags = [ConnctdHealthCheckNames.Tag];
        builder.Add(new HealthCheckRegistration(
            ConnctdHealthCheckNames.Store,
            provider => new StoreHealthCheck(provider.GetRequiredService<IConnectorStore>()),
            HealthStatus.Unhealthy,
            tags));
        builder.Add(new HealthCheckRegistration(
            ConnctdHealthCheckNames.Outbox,
            provider => new OutboxHealthCheck(
                provider.GetRequiredService<IConnectorStore>(), provider.GetRequiredService<ConnctdMetrics>(), provider.GetRequiredService<TimeProvider>(), maxAge),
            HealthStatus.Degraded,
            tags));
        builder.Add(new HealthCheckRegistration(
            ConnctdHealthCheckNames.PlatformCircuit,
            provider => new PlatformCircuitHealthCheck(provider.GetRequiredService<PlatformClient>()),
            HealthStatus.Degraded,
            tags));
        builder.Add(new HealthCheckRegistration(
            ConnctdHealthCheckNames.Upgrade,
            provider => new UpgradeHealthCheck(provider.GetRequiredService<Connctd.Connector.Sdk.AspNetCore.Upgrade.UpgradeMonitor>()),
            HealthStatus.Degraded,
            tags));
        return builder;
    }
}
