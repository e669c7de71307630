using Connctd.Connector.Sdk.AspNetCore.Upstream;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health check of the upstream APIs' circuits.</summary>
public static class UpstreamHealthChecksBuilderExtensions
{
    /// <summary>The name of the upstream check: <c>connctd-upstream</c>.</summary>
    public const string CheckName = "connctd-upstream";

    /// <summary>
    /// Adds <see cref="CheckName"/>, tagged <c>connctd</c>: degraded (the "degraded" connection health of the connector
    /// template) while the circuit of any upstream API, or of any tenant's partition of it, is open or half-open;
    /// its data lists every circuit (<c>weather</c>, or <c>weather/&lt;installation or instance id&gt;</c>) with its state.
    /// </summary>
    /// <param name="builder">The health checks builder from <c>services.AddHealthChecks()</c>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddConnctdUpstreamChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<UpstreamCircuitRegistry>();
        builder.Add(new HealthCheckRegistration(
            CheckName,
            provider => new UpstreamHealthCheck(provider.GetRequiredService<UpstreamCircuitRegistry>()),
            HealthStatus.Degraded,
            ["connctd"]));
        return builder;
    }
}
