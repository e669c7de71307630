using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of a <c>202 Accepted</c> answer to an action callback.</summary>
public sealed class ActionResponse
{
    /// <summary>The action request id.</summary>
    public string Id { get; init; } = "";

    /// <summary><see cref="ActionStatus.Pending"/> (still running) or <see cref="ActionStatus.Failed"/>.</summary>
    public ActionStatus Status { get; init; }

    /// <summary>Why the action failed, when it did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
