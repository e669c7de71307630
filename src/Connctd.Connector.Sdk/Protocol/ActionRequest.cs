using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the action callback (<c>POST {actionCallbackUrl}</c>).</summary>
public sealed class ActionRequest
{
    /// <summary>The action request id; identifies this one request, so a long-running action can be finished later.</summary>
    [JsonRequired]
    public string Id { get; init; } = "";

    /// <summary>The platform's id of the thing the action is for.</summary>
    [JsonRequired]
    public string ThingId { get; init; } = "";

    /// <summary>The component of the thing.</summary>
    [JsonRequired]
    public string ComponentId { get; init; } = "";

    /// <summary>The action of the component.</summary>
    [JsonRequired]
    public string ActionId { get; init; } = "";

    /// <summary>The status of the request as the platform sees it, normally <see cref="ActionStatus.Pending"/>.</summary>
    public ActionStatus Status { get; init; }

    /// <summary>The action's parameters by name; values travel as strings.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
