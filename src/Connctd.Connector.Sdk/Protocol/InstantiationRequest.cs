using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the instance callback (<c>POST {instanceCallbackUrl}</c>).</summary>
public sealed class InstantiationRequest
{
    /// <summary>The instance id.</summary>
    [JsonRequired]
    public string Id { get; init; } = "";

    /// <summary>The id of the installation the instance belongs to (<c>installation_id</c> on the wire).</summary>
    [JsonRequired]
    [JsonPropertyName("installation_id")]
    public string InstallationId { get; init; } = "";

    /// <summary>The instance token (a secret: never log it).</summary>
    [JsonRequired]
    public string Token { get; init; } = "";

    /// <summary>The state the platform has for the instance, normally <see cref="LifecycleState.Initialized"/>.</summary>
    public LifecycleState State { get; init; }

    /// <summary>The customer configuration values; empty when the publication defines no parameters.</summary>
    public IReadOnlyList<ConfigurationValue> Configuration { get; init; } = [];
}
