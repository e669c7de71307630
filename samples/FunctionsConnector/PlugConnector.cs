using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace FunctionsConnector;

/// <summary>
/// The connector: one smart plug per instance. Switching it reports the new value through the outbox; the HTTP
/// function delivers that update before it returns (see <see cref="ConnctdFunctions"/>).
/// </summary>
public sealed class PlugConnector : Connector
{
    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PlugThings.Create());

    /// <inheritdoc />
    public override async ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken)
    {
        if (context.ComponentId != PlugThings.Component || context.ActionId != PlugThings.SetOn)
        {
            return ActionOutcome.BadRequest($"A plug has no action '{context.ComponentId}/{context.ActionId}'.");
        }

        if (!context.Parameters.TryGetValue(PlugThings.On, out string? text) || !bool.TryParse(text, out bool on))
        {
            return ActionOutcome.BadRequest("setOn needs the parameter 'on': true or false.");
        }

        // A real plug would be switched here. The value is queued durably; the function delivers it before it returns.
        await context.Platform.UpdatePropertyAsync(
            ThingReference.ById(context.ThingId), PlugThings.Component, PlugThings.On, on ? "true" : "false", cancellationToken: cancellationToken);
        return ActionOutcome.Completed();
    }
}
