using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Benchmarks.Common;

/// <summary>
/// A connector that does no work: each instance gets <see cref="ThingsPerInstance"/> lamps (external ids
/// <c>lamp-1</c>, …) and every action completes at once.
/// </summary>
public sealed class BenchConnector : Connctd.Connector.Sdk.AspNetCore.Connector
{
    public static int ThingsPerInstance { get; set; } = 1;

    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ThingTemplate>>(
            Enumerable.Range(1, ThingsPerInstance).Select(i => new ThingTemplate($"lamp-{i}", Lamp(i))).ToArray());

    public override ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActionOutcome.Completed());

    private static Thing Lamp(int number) => new ThingBuilder($"Lamp {number}", "core.LIGHT")
        .WithManufacturer("ACME")
        .AddComponent("lamp", "core.Lamp", component => component
            .WithCapability("core.SWITCHABLE")
            .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue("false"))
            .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
        .Build();
}
