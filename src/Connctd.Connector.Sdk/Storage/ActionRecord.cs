using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Storage;

/// <summary>An action request the connector received, kept so a repeated request gets the recorded answer without running the action again.</summary>
/// <param name="Id">The action request id.</param>
/// <param name="InstanceId">The instance that owns the thing.</param>
/// <param name="ThingId">The platform's thing id.</param>
/// <param name="ComponentId">The component of the thing.</param>
/// <param name="ActionId">The action of the component.</param>
/// <param name="Status">The action's status as the connector last answered or reported it.</param>
/// <param name="Error">Why the action failed, when it did.</param>
/// <param name="ResponseStatusCode">The HTTP status the callback answered (204, 202, 400, 403); 0 while the action still runs.</param>
/// <param name="CreatedAt">When the request was first received.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record ActionRecord(
    string Id,
    string InstanceId,
    string ThingId,
    string ComponentId,
    string ActionId,
    ActionStatus Status,
    string? Error,
    int ResponseStatusCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
