namespace Connctd.Connector.Sdk.Diagnostics;

/// <summary>
/// The names under which the SDK publishes metrics and traces: subscribe to them with OpenTelemetry
/// (<c>.AddMeter(ConnctdDiagnostics.MeterName)</c>, <c>.AddSource(ConnctdDiagnostics.ActivitySourceName)</c>) or any
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> / <see cref="System.Diagnostics.ActivityListener"/>.
/// </summary>
public static class ConnctdDiagnostics
{
    /// <summary>The meter of every SDK metric: <c>Connctd.Connector.Sdk</c>.</summary>
    public const string MeterName = "Connctd.Connector.Sdk";

    /// <summary>The activity source of every SDK trace: <c>Connctd.Connector.Sdk</c>.</summary>
    public const string ActivitySourceName = "Connctd.Connector.Sdk";

    /// <summary>Histogram of platform API call durations in seconds, tagged <c>operation</c> and <c>status_code</c> (0 when no answer came).</summary>
    public const string PlatformCallDuration = "connctd.platform.call.duration";
}
