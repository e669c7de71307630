using Connctd.Connector.Sdk.Configuration;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// A connector publication as the management API returns it. Fields the query did not ask for, or the platform did
/// not fill, are <see langword="null"/> (or empty lists).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "The platform returns these as free text, possibly empty; they are shown, not called.")]
public sealed record ConnectorPublication
{
    /// <summary>The publication id (the connector id used to install it).</summary>
    public string Id { get; init; } = "";

    /// <summary>The connector's name.</summary>
    public string? Name { get; init; }

    /// <summary>The user id of the account that published it.</summary>
    public string? Owner { get; init; }

    /// <summary>The address of the logo.</summary>
    public string? LogoUrl { get; init; }

    /// <summary>The home page.</summary>
    public string? HomeUrl { get; init; }

    /// <summary>What the connector does.</summary>
    public string? Description { get; init; }

    /// <summary>What an app owner needs before installing.</summary>
    public string? Requirements { get; init; }

    /// <summary>Search tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Who can see and install it; <see cref="PublicationMode.Unknown"/> when not returned or not known.</summary>
    public PublicationMode Mode { get; init; }

    /// <summary>Whether it is active.</summary>
    public bool? Active { get; init; }

    /// <summary>The publication's state as the platform names it, for example <c>PUBLISHED</c>.</summary>
    public string? State { get; init; }

    /// <summary>The parameters asked when installing.</summary>
    public IReadOnlyList<ConfigurationParameter> ConfigurationParameters { get; init; } = [];

    /// <summary>The parameters asked when instantiating.</summary>
    public IReadOnlyList<ConfigurationParameter> CustomerConfigurationParameters { get; init; } = [];

    /// <summary>Where the platform sends installation callbacks.</summary>
    public string? InstallationCallbackUrl { get; init; }

    /// <summary>Where the platform sends instance callbacks.</summary>
    public string? InstanceCallbackUrl { get; init; }

    /// <summary>Where the platform sends action callbacks.</summary>
    public string? ActionCallbackUrl { get; init; }

    /// <summary>
    /// The Base64 Ed25519 public key that verifies the platform's callbacks. Returned once, by
    /// <see cref="ManagementClient.PublishConnectorAsync"/>; <see langword="null"/> everywhere else. Keep it: the
    /// connector needs it (<c>Connctd:PublicKeys</c>), and the platform does not show it again.
    /// </summary>
    public string? PublicKey { get; init; }
}
