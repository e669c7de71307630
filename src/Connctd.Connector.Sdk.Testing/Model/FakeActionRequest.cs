using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>An action request the fake platform sent, with its current status.</summary>
/// <param name="Id">The action request id.</param>
/// <param name="InstanceId">The instance that owns the thing, or an empty string when the thing is not known to the platform.</param>
/// <param name="ThingId">The thing.</param>
/// <param name="ComponentId">The component.</param>
/// <param name="ActionId">The action.</param>
/// <param name="Parameters">The parameters sent.</param>
/// <param name="Status">The current status: from the connector's answer, then from its updates.</param>
/// <param name="Error">The error message of a failed request.</param>
/// <param name="SentAt">When the platform sent it.</param>
public sealed record FakeActionRequest(
    string Id,
    string InstanceId,
    string ThingId,
    string ComponentId,
    string ActionId,
    IReadOnlyDictionary<string, string> Parameters,
    ActionStatus Status,
    string? Error,
    DateTimeOffset SentAt);
