using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace LampConnector;

/// <summary>
/// The connector: one class that knows the lamp hub. The SDK does the protocol around it (signatures, persistence,
/// idempotency, thing creation, answers).
/// </summary>
public sealed class LampHubConnector(LampHub hub, BrightnessChanges brightness, ILogger<LampHubConnector> logger) : Connector
{
    /// <summary>The instance configuration parameter: how many lamps the customer has.</summary>
    public const string LampsParameter = "lamps";

    /// <summary>The number of lamps when the parameter is not given.</summary>
    public const int DefaultLamps = 2;

    /// <summary>The most lamps an instance may have.</summary>
    public const int MaxLamps = 100;

    /// <inheritdoc />
    public override ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken)
    {
        Log.Installed(logger, context.Installation.Id);
        return ValueTask.FromResult(SetupOutcome.Completed());
    }

    /// <inheritdoc />
    public override ValueTask<SetupOutcome> OnInstantiateAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        if (!TryGetLampCount(context.Instance, out int count))
        {
            Log.LampsRefused(logger, context.Instance.Id);
            return ValueTask.FromResult(SetupOutcome.Forbidden($"The parameter '{LampsParameter}' must be a whole number from 1 to {MaxLamps}."));
        }

        Log.Instantiated(logger, context.Instance.Id, count);
        return ValueTask.FromResult(SetupOutcome.Completed());
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(LampThings.Create(TryGetLampCount(context.Instance, out int count) ? count : DefaultLamps));

    /// <inheritdoc />
    public override async ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken)
    {
        if (context.ComponentId != LampThings.Component)
        {
            return ActionOutcome.BadRequest($"A lamp has no component '{context.ComponentId}'.");
        }

        switch (context.ActionId)
        {
            case LampThings.SetOn:
                if (!context.Parameters.TryGetValue(LampThings.On, out string? onText) || !bool.TryParse(onText, out bool on))
                {
                    Log.BadParameter(logger, context.ExternalId, context.ActionId);
                    return ActionOutcome.BadRequest("setOn needs the parameter 'on': true or false.");
                }

                hub.SetOn(context.Instance.Id, context.ExternalId, on);
                Log.Switched(logger, context.ExternalId, context.ThingId, on ? "on" : "off");
                try
                {
                    // Queued durably: the platform learns the value even if it is unreachable right now.
                    await context.Platform.UpdatePropertyAsync(
                        ThingReference.ById(context.ThingId), LampThings.Component, LampThings.On, on ? "true" : "false", cancellationToken: cancellationToken);
                }
                catch (ThingNotFoundException)
                {
                    // The platform removed the instance while the lamp switched: nobody is left to tell.
                    return ActionOutcome.Failed("The lamp was removed while it switched.");
                }
                catch (OutboxFullException exception)
                {
                    // The lamp did switch; the outbox is full after a long platform outage, so this value is not sent.
                    Log.PropertyNotSent(logger, exception, context.ExternalId, LampThings.On);
                }

                return ActionOutcome.Completed();

            case LampThings.SetBrightness:
                if (!context.Parameters.TryGetValue(LampThings.Brightness, out string? text) ||
                    !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
                    !double.IsFinite(value) || value is < 0 or > 100)
                {
                    Log.BadParameter(logger, context.ExternalId, context.ActionId);
                    return ActionOutcome.BadRequest("setBrightness needs the parameter 'brightness': a number from 0 to 100.");
                }

                brightness.Enqueue(new BrightnessChange(context.ActionRequestId, context.Instance.Id, context.ThingId, context.ExternalId, value));
                Log.Dimming(logger, context.ExternalId, context.ThingId, value, context.ActionRequestId);
                return ActionOutcome.Pending();

            default:
                return ActionOutcome.BadRequest($"A lamp has no action '{context.ActionId}'.");
        }
    }

    /// <inheritdoc />
    public override ValueTask OnRemoveInstanceAsync(InstanceRemovalContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        hub.Forget(context.Instance.Id);
        Log.InstanceRemoved(logger, context.Instance.Id);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnUninstallAsync(UninstallationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (Instance instance in context.Instances)
        {
            hub.Forget(instance.Id);
        }

        Log.Uninstalled(logger, context.Installation.Id);
        return ValueTask.CompletedTask;
    }

    private static bool TryGetLampCount(Instance instance, out int count)
    {
        count = DefaultLamps;
        if (!instance.Configuration.ContainsKey(LampsParameter))
        {
            return true;
        }

        if (!instance.Configuration.TryGetNumber(LampsParameter, out double number) || number != Math.Floor(number) || number is < 1 or > MaxLamps)
        {
            return false;
        }

        count = (int)number;
        return true;
    }
}
