using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the instance callback (<c>POST {instanceCallbackUrl}</c>).</summary>
public sealed class InstantiationRequest : IJsonOnDeserialized
{
    private readonly IReadOnlyList<ConfigurationValue> _configuration = [];

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

    /// <summary>The customer configuration values; empty when the publication defines no parameters or the field is absent; never <see langword="null"/>.</summary>
    public IReadOnlyList<ConfigurationValue> Configuration
    {
        get => _configuration;
        init => _configuration = value ?? [];
    }

    /// <summary>Refuses a body whose configuration holds a <c>null</c> entry.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (_configuration.Contains(null!))
        {
            throw new JsonException("The configuration holds a null entry.");
        }
    }
}
