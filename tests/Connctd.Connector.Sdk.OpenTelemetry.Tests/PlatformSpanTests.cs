using System.Diagnostics;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests;

/// <summary>The span <c>connctd.platform {operation}</c>: made in a callback, made by the outbox worker, and without an answer.</summary>
public sealed class PlatformSpanTests : IAsyncLifetime
{
    private TelemetryHost _host = null!;

    public async Task InitializeAsync() => _host = await TelemetryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateThing_DuringInstantiation_ClientSpanUnderTheCallbackSpan()
    {
        await _host.InstantiateAsync();

        Activity span = await _host.WaitForSpanAsync(span => span.OperationName == "connctd.platform CreateThing", "of the thing creation");
        Assert.Equal(ConnctdDiagnostics.ActivitySourceName, span.Source.Name);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("CreateThing", span.GetTagItem(ConnctdTagNames.PlatformOperation));
        Assert.Equal(StatusOf(PlatformOperation.CreateThing), span.GetTagItem(ConnctdTagNames.PlatformStatusCode));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.All(span.TagObjects, tag => Assert.StartsWith("connctd.", tag.Key, StringComparison.Ordinal));
        Activity callback = await _host.WaitForSpanAsync(candidate => candidate.SpanId == span.ParentSpanId, "that is the parent of the thing creation");
        Assert.Equal("connctd.callback Instantiate", callback.OperationName);
    }

    [Fact]
    public async Task OutboxDelivery_PropertyValue_ClientSpanWithTheAnswer()
    {
        Setup setup = await _host.InstantiateAsync();

        await _host.UpdateLampAsync(setup, on: true);

        await _host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "true");
        Activity span = await _host.WaitForSpanAsync(span => span.OperationName == "connctd.platform UpdatePropertyValue", "of the property update");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("UpdatePropertyValue", span.GetTagItem(ConnctdTagNames.PlatformOperation));
        Assert.Equal(StatusOf(PlatformOperation.UpdateProperty), span.GetTagItem(ConnctdTagNames.PlatformStatusCode));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task PlatformCall_ConnectionDropped_SpanWithStatusZeroMarkedError()
    {
        Setup setup = await _host.InstantiateAsync();
        _host.Platform.Faults.DropNext(1, PlatformOperation.UpdateProperty);

        await _host.UpdateLampAsync(setup, on: true);

        // The outbox tries again, and the second call arrives.
        await _host.Platform.WaitForPropertyAsync(setup.ThingId, "lamp", "on", "true");
        Activity dropped = await _host.WaitForSpanAsync(
            span => span.OperationName == "connctd.platform UpdatePropertyValue" && Equals(span.GetTagItem(ConnctdTagNames.PlatformStatusCode), 0),
            "of the dropped property update");
        Assert.Equal(ActivityStatusCode.Error, dropped.Status);
        Activity delivered = await _host.WaitForSpanAsync(
            span => span.OperationName == "connctd.platform UpdatePropertyValue" && Equals(span.GetTagItem(ConnctdTagNames.PlatformStatusCode), StatusOf(PlatformOperation.UpdateProperty)),
            "of the delivered property update");
        Assert.Equal(ActivityStatusCode.Unset, delivered.Status);
    }

    private int StatusOf(PlatformOperation operation) => _host.Platform.Requests.First(request => request.Operation == operation && request.Accepted).StatusCode;
}
