using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the installation callback (<c>POST {installationCallbackUrl}</c>).</summary>
public sealed class InstallationRequest
{
    /// <summary>The installation id.</summary>
    [JsonRequired]
    public string Id { get; init; } = "";

    /// <summary>The installation token (a secret: never log it).</summary>
    [JsonRequired]
    public string Token { get; init; } = "";

    /// <summary>The state the platform has for the installation, normally <see cref="LifecycleState.Initialized"/>.</summary>
    public LifecycleState State { get; init; }

    /// <summary>The configuration values; empty when the publication defines no parameters.</summary>
    public IReadOnlyList<ConfigurationValue> Configuration { get; init; } = [];
}
