using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the action callback (<c>POST {actionCallbackUrl}</c>).</summary>
public sealed class ActionRequest : IJsonOnDeserialized
{
    private readonly IReadOnlyDictionary<string, string> _parameters = ReadOnlyDictionary<string, string>.Empty;

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

    /// <summary>The action's parameters by name (compared exactly); values travel as strings. Empty when the field is absent; never <see langword="null"/>.</summary>
    [JsonConverter(typeof(Serialization.Internal.StringMapConverter))]
    public IReadOnlyDictionary<string, string> Parameters
    {
        get => _parameters;
        init => _parameters = value ?? ReadOnlyDictionary<string, string>.Empty;
    }

    /// <summary>Refuses a body with a <c>null</c> parameter value.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (_parameters.Values.Contains(null!))
        {
            throw new JsonException("A parameter value is null; values travel as strings.");
        }
    }
}
