using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;
using OpenTelemetry.Metrics;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests;

/// <summary>The histogram <c>connctd.platform.call.duration</c>: seconds, sub-second buckets, by operation and status.</summary>
public sealed class PlatformCallDurationTests : TelemetryTest
{
    [Fact]
    public async Task PlatformCalls_Answered_RecordedInSecondsWithTheAdvisedBuckets()
    {
        Setup setup = await Host.InstantiateAsync();
        await Host.UpdateLampAsync(setup, on: true);
        await Host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "true");

        MetricSnapshot duration = await Host.WaitForMetricAsync(
            ConnctdDiagnostics.PlatformCallDuration,
            metric => Telemetry.HistogramCount(metric, (ConnctdTagNames.PlatformOperation, "UpdatePropertyValue")) == 1,
            "to hold the property update");

        Assert.Equal(MetricType.Histogram, duration.MetricType);
        Assert.Equal("s", duration.Unit);
        Assert.Equal(1, Telemetry.HistogramCount(duration, (ConnctdTagNames.PlatformOperation, "CreateThing"), (ConnctdTagNames.PlatformStatusCode, Host.AcceptedStatusOf(PlatformOperation.CreateThing))));
        Assert.Equal(1, Telemetry.HistogramCount(duration, (ConnctdTagNames.PlatformOperation, "UpdatePropertyValue"), (ConnctdTagNames.PlatformStatusCode, Host.AcceptedStatusOf(PlatformOperation.UpdateProperty))));
        foreach (MetricPoint point in duration.MetricPoints)
        {
            IReadOnlyList<double> boundaries = Telemetry.Boundaries(point);
            Assert.Equal(ConnctdDiagnostics.PlatformCallDurationBuckets, boundaries);
            Assert.True(boundaries.Count(bound => bound < 1) >= 5, "sub-second boundaries for a histogram in seconds");

            // A call on the loopback takes well under the 30 s of the last boundary: it falls in a bounded bucket.
            Assert.InRange(point.GetHistogramSum(), 0, 30 * point.GetHistogramCount());
        }

        CallbackMetricTests.AssertTagsPrefixed(duration);
    }

    [Fact]
    public async Task PlatformCall_NoAnswer_RecordedWithStatusCodeZero()
    {
        Setup setup = await Host.InstantiateAsync();
        Host.Platform.Faults.DropNext(1, PlatformOperation.UpdateProperty);

        await Host.UpdateLampAsync(setup, on: true);

        await Host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "true");
        MetricSnapshot duration = await Host.WaitForMetricAsync(
            ConnctdDiagnostics.PlatformCallDuration,
            metric => Telemetry.HistogramCount(metric, (ConnctdTagNames.PlatformOperation, "UpdatePropertyValue")) == 2,
            "to hold the dropped and the delivered property update");
        Assert.Equal(1, Telemetry.HistogramCount(duration, (ConnctdTagNames.PlatformOperation, "UpdatePropertyValue"), (ConnctdTagNames.PlatformStatusCode, 0)));
    }
}
