namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What <see cref="Connector.OnActionAsync"/> gets: the request, the thing it is for, and the platform handle.</summary>
/// <param name="ActionRequestId">The action request id; use it to finish a pending action later.</param>
/// <param name="Instance">The instance that owns the thing.</param>
/// <param name="ThingId">The platform's thing id.</param>
/// <param name="ExternalId">The connector's own id of the thing (the <see cref="Things.ThingTemplate.ExternalId"/> it was created with).</param>
/// <param name="ComponentId">The component of the thing.</param>
/// <param name="ActionId">The action of the component.</param>
/// <param name="Parameters">The action's parameters by name; values are strings.</param>
/// <param name="Platform">Pushes updates to the platform.</param>
public sealed record ActionContext(
    string ActionRequestId,
    Instance Instance,
    string ThingId,
    string ExternalId,
    string ComponentId,
    string ActionId,
    IReadOnlyDictionary<string, string> Parameters,
    IConnectorPlatform Platform);
