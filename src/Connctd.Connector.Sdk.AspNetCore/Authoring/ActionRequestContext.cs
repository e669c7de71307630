namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// What <see cref="Connector.OnActionAsync"/> gets: the action request, the thing it is for, its instance and the
/// platform handle.
/// </summary>
/// <remarks>
/// A class with init-only properties, so later versions can add members without breaking code that reads or creates
/// it (a unit test of a connector may create one with an object initializer).
/// </remarks>
public sealed class ActionRequestContext
{
    /// <summary>The action request id; use it to finish a pending action later.</summary>
    public required string ActionRequestId { get; init; }

    /// <summary>The instance that owns the thing.</summary>
    public required Instance Instance { get; init; }

    /// <summary>The platform's thing id.</summary>
    public required string ThingId { get; init; }

    /// <summary>The connector's own id of the thing (the <see cref="Things.ThingTemplate.ExternalId"/> it was created with).</summary>
    public required string ExternalId { get; init; }

    /// <summary>The component of the thing.</summary>
    public required string ComponentId { get; init; }

    /// <summary>The action of the component.</summary>
    public required string ActionId { get; init; }

    /// <summary>The action's parameters by name; values are strings.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Queues updates for the platform: property values, the action's outcome, state changes.</summary>
    public required IConnectorPlatform Platform { get; init; }

    /// <summary>The request's ids, for logs (parameters are left out: they may hold anything).</summary>
    /// <returns>Text without parameter values.</returns>
    public override string ToString() =>
        $"ActionRequestContext {{ ActionRequestId = {ActionRequestId}, InstanceId = {Instance?.Id}, ThingId = {ThingId}, ExternalId = {ExternalId}, ComponentId = {ComponentId}, ActionId = {ActionId} }}";
}
