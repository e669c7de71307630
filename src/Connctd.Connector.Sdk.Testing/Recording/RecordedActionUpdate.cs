using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>An update of an action request the connector sent and the platform accepted.</summary>
/// <param name="ActionRequestId">The action request.</param>
/// <param name="InstanceId">The instance whose token sent it.</param>
/// <param name="Status">The status sent (<see cref="ActionStatus.Completed"/> or <see cref="ActionStatus.Failed"/>).</param>
/// <param name="Error">The error message sent with <see cref="ActionStatus.Failed"/>.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
public sealed record RecordedActionUpdate(string ActionRequestId, string InstanceId, ActionStatus Status, string? Error, DateTimeOffset ReceivedAt);
