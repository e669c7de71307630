using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the installation callback (<c>POST {installationCallbackUrl}</c>).</summary>
public sealed class InstallationRequest : IJsonOnDeserialized
{
    private readonly IReadOnlyList<ConfigurationValue> _configuration = [];

    /// <summary>The installation id.</summary>
    [JsonRequired]
    public string Id { get; init; } = "";

    /// <summary>The installation token (a secret: never log it).</summary>
    [JsonRequired]
    public string Token { get; init; } = "";

    /// <summary>The state the platform has for the installation, normally <see cref="LifecycleState.Initialized"/>.</summary>
    public LifecycleState State { get; init; }

    /// <summary>The configuration values; empty when the publication defines no parameters or the field is absent; never <see langword="null"/>.</summary>
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
