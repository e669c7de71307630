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
        _duration = meter.CreateHistogram<double>(ConnctdDiagnostics.PlatformCallDuration, "s", "Duration of platform API calls.");
    }

    public static PlatformClientTelemetry Default { get; } = new(null);

    public static Activity? StartCall(string operation)
    {
        Activity? activity = Source.StartActivity($"connctd.platform {operation}", ActivityKind.Client);
        activity?.SetTag("connctd.operation", operation);
        return activity;
    }

    public void Record(Activity? activity, string operation, int statusCode, TimeSpan elapsed)
    {
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("status_code", statusCode));
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", statusCode);
            activity.SetStatus(statusCode is >= 200 and < 300 ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }
    }
}
