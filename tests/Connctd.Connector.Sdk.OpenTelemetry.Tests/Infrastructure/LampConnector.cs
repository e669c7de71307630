using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;

/// <summary>What the lamp connector's action hook does; tests replace it. Registered as a singleton.</summary>
public sealed class LampBehavior
{
    public Func<ActionRequestContext, ValueTask<ActionOutcome>> Action { get; set; } = _ => ValueTask.FromResult(ActionOutcome.Completed());
}

/// <summary>A connector whose instances each get one lamp (external id <c>lamp</c>) with a property <c>lamp/on</c> and an action <c>lamp/setOn</c>.</summary>
public sealed class LampConnector(LampBehavior behavior) : AspNetCore.Connector
{
    public const string ExternalId = "lamp";

    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ThingTemplate>>([new ThingTemplate(ExternalId, Lamp())]);

    public override ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken) => behavior.Action(context);

    private static Thing Lamp() => new ThingBuilder("Lamp", "core.LIGHT")
        .AddComponent("lamp", "core.Lamp", component => component
            .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue(false))
            .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
        .Build();
}
