namespace Connctd.Connector.Sdk.Diagnostics;

/// <summary>
/// The names under which the SDK publishes metrics and traces. With OpenTelemetry, <c>AddConnctdInstrumentation()</c>
/// of the package <c>Connctd.Connector.Sdk.OpenTelemetry</c> subscribes to both; any
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> / <see cref="System.Diagnostics.ActivityListener"/> can too.
/// Tags are named in <see cref="ConnctdTagNames"/>.
/// </summary>
public static class ConnctdDiagnostics
{
    /// <summary>The meter of every SDK metric: <c>Connctd.Connector.Sdk</c>.</summary>
    public const string MeterName = "Connctd.Connector.Sdk";

    /// <summary>The activity source of every SDK trace: <c>Connctd.Connector.Sdk</c>.</summary>
    public const string ActivitySourceName = "Connctd.Connector.Sdk";

    /// <summary>
    /// Histogram of platform API call durations in seconds (retries included), tagged
    /// <see cref="ConnctdTagNames.PlatformOperation"/> and <see cref="ConnctdTagNames.PlatformStatusCode"/> (0 when no
    /// answer came). Its bucket advice runs from 5 ms to 30 s (see <see cref="PlatformCallDurationBuckets"/>).
    /// </summary>
    public const string PlatformCallDuration = "connctd.platform.call.duration";

    /// <summary>
    /// The bucket boundaries, in seconds, advised for <see cref="PlatformCallDuration"/>: sub-second steps for the usual
    /// answer, then up to the default total timeout of a call with its retries (30 s).
    /// </summary>
    public static IReadOnlyList<double> PlatformCallDurationBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 30];
}
