using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the update-action-request call: <c>{"status":"COMPLETED"}</c> or <c>{"status":"FAILED","error":"..."}</c>.</summary>
/// <param name="Status"><see cref="ActionStatus.Completed"/> or <see cref="ActionStatus.Failed"/>.</param>
/// <param name="Error">Why the action failed; only sent with <see cref="ActionStatus.Failed"/>.</param>
public sealed record ActionRequestUpdate(
    ActionStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
