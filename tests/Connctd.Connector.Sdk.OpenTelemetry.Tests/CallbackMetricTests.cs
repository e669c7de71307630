using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;
using OpenTelemetry.Metrics;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests;

/// <summary>The metrics <c>connctd.callbacks</c> and <c>connctd.signature.rejections</c>.</summary>
public sealed class CallbackMetricTests : TelemetryTest
{
    [Fact]
    public async Task Callbacks_EveryKind_CountedByKindAndStatusCode()
    {
        Setup setup = await Host.InstantiateAsync();
        await Host.Connector.SendActionAsync(setup.ThingId, "lamp", "setOn", new Dictionary<string, string> { ["on"] = "true" });
        await Host.Connector.SendActionAsync("thing-unknown", "lamp", "setOn", new Dictionary<string, string> { ["on"] = "true" });
        await Host.Connector.RemoveInstanceAsync(setup.InstanceId);
        await Host.Connector.UninstallAsync(setup.InstallationId);

        MetricSnapshot callbacks = await Host.WaitForMetricAsync(
            ConnctdMetricNames.Callbacks, metric => Telemetry.Sum(metric) == 6, "to count six callbacks");

        Assert.Equal(MetricType.LongSum, callbacks.MetricType);
        Assert.Equal("{callback}", callbacks.Unit);
        Assert.Equal(1, Count(callbacks, "Install", 201));
        Assert.Equal(1, Count(callbacks, "Instantiate", 201));
        Assert.Equal(1, Count(callbacks, "Action", 204));
        Assert.Equal(1, Count(callbacks, "Action", 400));
        Assert.Equal(1, Count(callbacks, "RemoveInstance", 204));
        Assert.Equal(1, Count(callbacks, "Uninstall", 204));
        AssertTagsPrefixed(callbacks);
    }

    [Fact]
    public async Task SignatureRejections_EachBadSignature_CountedByReason()
    {
        await Host.Connector.InstallAsync(signing: CallbackSigning.WrongKey);
        await Host.Connector.InstallAsync(signing: CallbackSigning.TamperedBody);
        await Host.Connector.InstallAsync(signing: CallbackSigning.StaleDate);
        await Host.Connector.InstallAsync(signing: CallbackSigning.MissingSignature);
        await Host.Connector.UninstallAsync("installation-x", CallbackSigning.MissingDate);

        MetricSnapshot rejections = await Host.WaitForMetricAsync(
            ConnctdMetricNames.SignatureRejections, metric => Telemetry.Sum(metric) == 5, "to count five rejections");

        Assert.Equal("{callback}", rejections.Unit);
        Assert.Equal(2, Telemetry.Sum(rejections, (ConnctdTagNames.SignatureRejectionReason, "Mismatch")));
        Assert.Equal(1, Telemetry.Sum(rejections, (ConnctdTagNames.SignatureRejectionReason, "StaleDate")));
        Assert.Equal(1, Telemetry.Sum(rejections, (ConnctdTagNames.SignatureRejectionReason, "MissingSignature")));
        Assert.Equal(1, Telemetry.Sum(rejections, (ConnctdTagNames.SignatureRejectionReason, "MissingDate")));
        AssertTagsPrefixed(rejections);

        // Each refusal is a callback answered 400 too.
        MetricSnapshot callbacks = Host.CollectMetrics()[ConnctdMetricNames.Callbacks];
        Assert.Equal(4, Count(callbacks, "Install", 400));
        Assert.Equal(1, Count(callbacks, "Uninstall", 400));
    }

    private static long Count(MetricSnapshot callbacks, string kind, int statusCode) =>
        Telemetry.Sum(callbacks, (ConnctdTagNames.CallbackKind, kind), (ConnctdTagNames.CallbackStatusCode, statusCode));

    internal static void AssertTagsPrefixed(MetricSnapshot metric)
    {
        foreach (MetricPoint point in metric.MetricPoints)
        {
            foreach (KeyValuePair<string, object?> tag in point.Tags)
            {
                Assert.StartsWith("connctd.", tag.Key, StringComparison.Ordinal);
            }
        }
    }
}
