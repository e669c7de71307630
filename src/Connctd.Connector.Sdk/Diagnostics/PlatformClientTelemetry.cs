using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connctd.Connector.Sdk.Diagnostics;

/// <summary>Traces and measures platform API calls.</summary>
internal sealed class PlatformClientTelemetry
{
    private static readonly ActivitySource Source = new(ConnctdDiagnostics.ActivitySourceName);
    private static readonly Meter SharedMeter = new(ConnctdDiagnostics.MeterName);
    private readonly Histogram<double> _duration;

    public PlatformClientTelemetry(IMeterFactory? meterFactory)
    {
        Meter meter = meterFactory?.Create(ConnctdDiagnostics.MeterName) ?? SharedMeter;
        _duration = meter.CreateHistogram(
            ConnctdDiagnostics.PlatformCallDuration,
            "s",
            "Duration of platform API calls.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = ConnctdDiagnostics.PlatformCallDurationBuckets });
    }

    public static PlatformClientTelemetry Default { get; } = new(null);

    public static Activity? StartCall(string operation)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity($"connctd.platform {operation}", ActivityKind.Client);
        activity?.SetTag(ConnctdTagNames.PlatformOperation, operation);
        return activity;
    }

    public void Record(Activity? activity, string operation, int statusCode, TimeSpan elapsed)
    {
        if (_duration.Enabled)
        {
            _duration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(ConnctdTagNames.PlatformOperation, operation),
                new KeyValuePair<string, object?>(ConnctdTagNames.PlatformStatusCode, statusCode));
        }

        // A failed call passes Activity.Current, which is another span (the callback's, ASP.NET Core's) when this call's
        // own span was not sampled: only ever tag a platform call span.
        if (activity is not null && ReferenceEquals(activity.Source, Source) && activity.Kind == ActivityKind.Client)
        {
            activity.SetTag(ConnctdTagNames.PlatformStatusCode, statusCode);

            // OpenTelemetry's convention: instrumentation leaves the status of a success unset and marks failures.
            if (statusCode is < 200 or >= 300)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
