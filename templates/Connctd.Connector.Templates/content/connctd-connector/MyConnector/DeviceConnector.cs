using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace MyConnector;

/// <summary>
/// The connector: one switchable device per instance. Replace the device logic with calls to your technology (see
/// <c>AddUpstreamApi</c> and <c>IUpstreamApiClientFactory</c> for an HTTP API with per-tenant credentials).
/// </summary>
public sealed class DeviceConnector : Connector
{
    /// <summary>The external id of the instance's one thing.</summary>
    public const string DeviceId = "device-1";

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        Thing device = new ThingBuilder("Device", "core.LIGHT")
            .WithManufacturer("MyConnector")
            .AddComponent("switch", "core.Switch", component => component
                .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue(false))
                .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
            .Build();
        return ValueTask.FromResult<IReadOnlyList<ThingTemplate>>([new ThingTemplate(DeviceId, device)]);
    }

    /// <inheritdoc />
    public override async ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionId != "setOn" || !context.Parameters.TryGetValue("on", out string? text) || !bool.TryParse(text, out bool on))
        {
            return ActionOutcome.BadRequest("setOn needs a boolean parameter 'on'.");
        }

        // Switch the real device here, then report its new state; the update is queued durably and delivered.
        await context.Platform.UpdatePropertyAsync(
            ThingReference.ById(context.ThingId), context.ComponentId, "on", on ? "true" : "false", cancellationToken: cancellationToken);
        return ActionOutcome.Completed();
    }
}
