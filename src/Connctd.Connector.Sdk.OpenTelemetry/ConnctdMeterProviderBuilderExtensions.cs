using Connctd.Connector.Sdk.Diagnostics;

// In OpenTelemetry's namespace, as the instrumentation libraries do: the call is found where the builder is.
namespace OpenTelemetry.Metrics;

/// <summary>Adds the connctd connector SDK's metrics to an OpenTelemetry meter provider.</summary>
public static class ConnctdMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to the meter <see cref="ConnctdDiagnostics.MeterName"/>: callbacks, signature rejections, platform
    /// call durations and the outbox's counters and gauges. Histograms carry their own bucket advice (seconds-based ones
    /// with sub-second boundaries), so no view is needed with any exporter.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static MeterProviderBuilder AddConnctdInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ConnctdDiagnostics.MeterName);
    }
}
