using Connctd.Connector.Sdk.Security;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What <see cref="Connector.OnInstallAsync"/> gets: the installation, its token and the platform handle.</summary>
/// <remarks>A class with init-only properties, so later versions can add members without breaking callers.</remarks>
public sealed class InstallationContext
{
    /// <summary>The installation.</summary>
    public required Installation Installation { get; init; }

    /// <summary>The installation token (its <see cref="object.ToString"/> is masked).</summary>
    public required InstallationToken Token { get; init; }

    /// <summary>Queues state reports and updates for the platform.</summary>
    public required IConnectorPlatform Platform { get; init; }

    /// <summary>The installation and the masked token, for logs.</summary>
    /// <returns>Text without any secret.</returns>
    public override string ToString() => $"InstallationContext {{ Installation = {Installation}, Token = {Token} }}";
}
