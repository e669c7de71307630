using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;
using Connctd.Connector.Sdk.Testing;
using OpenTelemetry.Metrics;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests;

/// <summary>
/// The outbox's metrics, with the outbox delivering to the fake platform: <c>connctd.outbox.enqueued</c>,
/// <c>connctd.outbox.deliveries</c> and the gauges <c>connctd.outbox.depth</c>, <c>connctd.outbox.oldest_age</c>,
/// <c>connctd.outbox.dead_letters</c>.
/// </summary>
public sealed class OutboxMetricTests
{
    private const string Property = nameof(OutboxOperation.UpdatePropertyValue);

    [Fact]
    public async Task Outbox_DuringAnOutage_CountsEnqueuedCoalescedFullAndRetriedAndGaugesTheWaitingMessage()
    {
        // One message fits; a failed delivery waits ten minutes before the next attempt, so the queued message stays put.
        await using TelemetryHost host = await TelemetryHost.StartAsync(new Dictionary<string, string?>
        {
            ["Connctd:Outbox:Capacity"] = "1",
            ["Connctd:Outbox:RetryDelay"] = "00:10:00",
            ["Connctd:Outbox:MaxRetryDelay"] = "00:10:00",
        });
        Setup setup = await host.InstantiateAsync();
        host.Platform.Faults.FailFor(TimeSpan.FromHours(1), 503, PlatformOperation.UpdateProperty);

        await host.UpdateLampAsync(setup, on: true);
        MetricSnapshot deliveries = await host.WaitForMetricAsync(
            ConnctdMetricNames.OutboxDeliveries, metric => Delivered(metric, "retried") == 1, "to count the failed attempt");
        await host.UpdateLampAsync(setup, on: false);
        await Assert.ThrowsAsync<OutboxFullException>(() => host.ConnectorPlatform.UpdateThingStatusAsync(
            ThingReference.ByExternalId(setup.InstanceId, LampConnector.ExternalId), ThingStatus.Unavailable));

        Assert.Equal("{attempt}", deliveries.Unit);
        Assert.Equal(0, Delivered(deliveries, "delivered"));
        MetricSnapshot enqueued = host.CollectMetrics()[ConnctdMetricNames.OutboxEnqueued];
        Assert.Equal("{message}", enqueued.Unit);
        Assert.Equal(1, Enqueued(enqueued, Property, "Enqueued"));
        Assert.Equal(1, Enqueued(enqueued, Property, "Coalesced"));
        Assert.Equal(1, Enqueued(enqueued, nameof(OutboxOperation.UpdateThingStatus), "Full"));
        CallbackMetricTests.AssertTagsPrefixed(enqueued);
        CallbackMetricTests.AssertTagsPrefixed(deliveries);

        // The gauges are read from the store every few seconds.
        MetricSnapshot depth = await host.WaitForMetricAsync(ConnctdMetricNames.OutboxDepth, metric => Telemetry.Gauge(metric) == 1, "to show the waiting message");
        Assert.Equal("{message}", depth.Unit);
        MetricSnapshot age = await host.WaitForMetricAsync(ConnctdMetricNames.OutboxOldestAge, metric => Telemetry.Gauge(metric) > 0, "to age");
        Assert.Equal("s", age.Unit);
        Assert.Equal(0, Telemetry.Gauge(host.CollectMetrics()[ConnctdMetricNames.OutboxDeadLetters]));
    }

    [Fact]
    public async Task Outbox_RefusedThenAccepted_CountsDeadLetteredAndDeliveredAndGaugesTheDeadLetter()
    {
        await using TelemetryHost host = await TelemetryHost.StartAsync();
        Setup setup = await host.InstantiateAsync();
        host.Platform.Faults.FailNext(1, 400, PlatformOperation.UpdateProperty);

        await host.UpdateLampAsync(setup, on: true);
        await host.WaitForMetricAsync(ConnctdMetricNames.OutboxDeliveries, metric => Delivered(metric, "dead_lettered") == 1, "to count the refused message");
        await host.UpdateLampAsync(setup, on: false);
        await host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "false");

        MetricSnapshot deliveries = await host.WaitForMetricAsync(
            ConnctdMetricNames.OutboxDeliveries, metric => Delivered(metric, "delivered") == 1, "to count the delivered message");
        Assert.Equal(0, Delivered(deliveries, "retried"));
        Assert.Equal(2, Enqueued(host.CollectMetrics()[ConnctdMetricNames.OutboxEnqueued], Property, "Enqueued"));
        MetricSnapshot deadLetters = await host.WaitForMetricAsync(ConnctdMetricNames.OutboxDeadLetters, metric => Telemetry.Gauge(metric) == 1, "to show the dead letter");
        Assert.Equal("{message}", deadLetters.Unit);
        await host.WaitForMetricAsync(ConnctdMetricNames.OutboxDepth, metric => Telemetry.Gauge(metric) == 0, "to show an empty outbox");
        await host.WaitForMetricAsync(ConnctdMetricNames.OutboxOldestAge, metric => Telemetry.Gauge(metric) == 0, "to be 0 for an empty outbox");
    }

    private static long Delivered(MetricSnapshot deliveries, string outcome) =>
        Telemetry.Sum(deliveries, (ConnctdTagNames.OutboxOperation, Property), (ConnctdTagNames.OutboxOutcome, outcome));

    private static long Enqueued(MetricSnapshot enqueued, string operation, string result) =>
        Telemetry.Sum(enqueued, (ConnctdTagNames.OutboxOperation, operation), (ConnctdTagNames.OutboxResult, result));
}
