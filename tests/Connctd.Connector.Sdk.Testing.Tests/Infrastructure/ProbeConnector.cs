using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing.Tests.Infrastructure;

/// <summary>What the probe connector does; tests replace the delegates. Registered as a singleton.</summary>
public sealed class ProbeBehavior
{
    public Func<InstallationContext, ValueTask<SetupOutcome>> Install { get; set; } = _ => ValueTask.FromResult(SetupOutcome.Completed());

    public Func<InstanceContext, ValueTask<SetupOutcome>> Instantiate { get; set; } = _ => ValueTask.FromResult(SetupOutcome.Completed());

    public Func<InstanceContext, IReadOnlyList<ThingTemplate>> Things { get; set; } = _ => Lamps(2);

    public Func<ActionRequestContext, ValueTask<ActionOutcome>> Action { get; set; } = _ => ValueTask.FromResult(ActionOutcome.Completed());

    public static IReadOnlyList<ThingTemplate> Lamps(int count) =>
        Enumerable.Range(1, count).Select(i => new ThingTemplate($"lamp-{i}", Lamp($"Lamp {i}"))).ToArray();

    public static Thing Lamp(string name) => new ThingBuilder(name, "core.LIGHT")
        .AddComponent("lamp", "core.Lamp", component => component
            .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue(false))
            .AddProperty("level", PropertyValueType.Number, property => property.WithValue(0))
            .AddProperty("label", PropertyValueType.String, property => property.WithValue(name))
            .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
        .Build();
}

/// <summary>A connector whose hooks run <see cref="ProbeBehavior"/>.</summary>
public sealed class ProbeConnector(ProbeBehavior behavior) : AspNetCore.Connector
{
    public override ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken) => behavior.Install(context);

    public override ValueTask<SetupOutcome> OnInstantiateAsync(InstanceContext context, CancellationToken cancellationToken) => behavior.Instantiate(context);

    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(behavior.Things(context));

    public override ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken) => behavior.Action(context);
}
