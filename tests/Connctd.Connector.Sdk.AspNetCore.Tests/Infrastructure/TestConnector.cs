using System.Collections.Concurrent;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>What the test connector does; tests replace the delegates. Shared as a singleton.</summary>
public sealed class TestConnectorBehavior
{
    public Func<InstallationContext, CancellationToken, ValueTask<SetupOutcome>> Install { get; set; } = (_, _) => ValueTask.FromResult(SetupOutcome.Completed());

    public Func<InstanceContext, CancellationToken, ValueTask<SetupOutcome>> Instantiate { get; set; } = (_, _) => ValueTask.FromResult(SetupOutcome.Completed());

    public Func<InstanceContext, IReadOnlyList<ThingTemplate>> Things { get; set; } = context => LampThings(context.Instance.Configuration.TryGetNumber("lamps", out double n) ? (int)n : 2);

    public Func<ActionRequestContext, CancellationToken, ValueTask<ActionOutcome>> Action { get; set; } = (_, _) => ValueTask.FromResult(ActionOutcome.Completed());

    public Func<UninstallationContext, ValueTask> Uninstall { get; set; } = _ => ValueTask.CompletedTask;

    public Func<InstanceRemovalContext, ValueTask> RemoveInstance { get; set; } = _ => ValueTask.CompletedTask;

    public ConcurrentQueue<string> Calls { get; } = new();

    public int CallCount(string prefix) => Calls.Count(call => call.StartsWith(prefix, StringComparison.Ordinal));

    public static IReadOnlyList<ThingTemplate> LampThings(int count) =>
        Enumerable.Range(1, count).Select(i => new ThingTemplate($"lamp-{i}", Lamp($"Lamp {i}"))).ToArray();

    public static Thing Lamp(string name) => new ThingBuilder(name, "core.LIGHT")
        .WithManufacturer("ACME")
        .AddComponent("lamp", "core.Lamp", component => component
            .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue("false"))
            .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
        .Build();
}

/// <summary>A connector whose hooks run <see cref="TestConnectorBehavior"/>.</summary>
public sealed class TestConnector(TestConnectorBehavior behavior) : Connector
{
    public override ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken)
    {
        behavior.Calls.Enqueue($"install:{context.Installation.Id}");
        return behavior.Install(context, cancellationToken);
    }

    public override ValueTask OnUninstallAsync(UninstallationContext context, CancellationToken cancellationToken)
    {
        behavior.Calls.Enqueue($"uninstall:{context.Installation.Id}");
        return behavior.Uninstall(context);
    }

    public override ValueTask<SetupOutcome> OnInstantiateAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        behavior.Calls.Enqueue($"instantiate:{context.Instance.Id}");
        return behavior.Instantiate(context, cancellationToken);
    }

    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        behavior.Calls.Enqueue($"things:{context.Instance.Id}");
        return ValueTask.FromResult(behavior.Things(context));
    }

    public override ValueTask OnRemoveInstanceAsync(InstanceRemovalContext context, CancellationToken cancellationToken)
    {
        behavior.Calls.Enqueue($"remove:{context.Instance.Id}");
        return behavior.RemoveInstance(context);
    }

    public override ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken)
    {
        behavior.Calls.Enqueue($"action:{context.ActionRequestId}");
        return behavior.Action(context, cancellationToken);
    }
}
