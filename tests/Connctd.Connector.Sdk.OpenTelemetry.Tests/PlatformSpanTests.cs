using System.Diagnostics;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests;

/// <summary>The span <c>connctd.platform {operation}</c>: made in a callback, made by the outbox worker, and without an answer.</summary>
public sealed class PlatformSpanTests : TelemetryTest
{
    [Fact]
    public async Task CreateThing_DuringInstantiation_ClientSpanUnderTheCallbackSpan()
    {
        await Host.InstantiateAsync();

        Activity span = await Host.WaitForSpanAsync(span => span.OperationName == "connctd.platform CreateThing", "of the thing creation");
        Assert.Equal(ConnctdDiagnostics.ActivitySourceName, span.Source.Name);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("CreateThing", span.GetTagItem(ConnctdTagNames.PlatformOperation));
        Assert.Equal(Host.AcceptedStatusOf(PlatformOperation.CreateThing), span.GetTagItem(ConnctdTagNames.PlatformStatusCode));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.All(span.TagObjects, tag => Assert.StartsWith("connctd.", tag.Key, StringComparison.Ordinal));
        Activity callback = await Host.WaitForSpanAsync(candidate => candidate.SpanId == span.ParentSpanId, "that is the parent of the thing creation");
        Assert.Equal("connctd.callback Instantiate", callback.OperationName);
    }

    [Fact]
    public async Task OutboxDelivery_PropertyValue_ClientSpanWithTheAnswer()
    {
        Setup setup = await Host.InstantiateAsync();

        await Host.UpdateLampAsync(setup, on: true);

        await Host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "true");
        Activity span = await Host.WaitForSpanAsync(span => span.OperationName == "connctd.platform UpdatePropertyValue", "of the property update");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("UpdatePropertyValue", span.GetTagItem(ConnctdTagNames.PlatformOperation));
        Assert.Equal(Host.AcceptedStatusOf(PlatformOperation.UpdateProperty), span.GetTagItem(ConnctdTagNames.PlatformStatusCode));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        // The outbox worker delivers on its own, outside any request: its calls are root spans.
        Assert.Equal(default, span.ParentSpanId);
    }

    [Fact]
    public async Task PlatformCall_ConnectionDropped_SpanWithStatusZeroMarkedError()
    {
        Setup setup = await Host.InstantiateAsync();
        Host.Platform.Faults.DropNext(1, PlatformOperation.UpdateProperty);

        await Host.UpdateLampAsync(setup, on: true);

        // The outbox tries again, and the second call arrives.
        await Host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "true");
        Activity dropped = await Host.WaitForSpanAsync(
            span => span.OperationName == "connctd.platform UpdatePropertyValue" && Equals(span.GetTagItem(ConnctdTagNames.PlatformStatusCode), 0),
            "of the dropped property update");
        Assert.Equal(ActivityStatusCode.Error, dropped.Status);
        Activity delivered = await Host.WaitForSpanAsync(
            span => span.OperationName == "connctd.platform UpdatePropertyValue" && Equals(span.GetTagItem(ConnctdTagNames.PlatformStatusCode), Host.AcceptedStatusOf(PlatformOperation.UpdateProperty)),
            "of the delivered property update");
        Assert.Equal(ActivityStatusCode.Unset, delivered.Status);
    }
}
