namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// The answer to <see cref="ManagementClient.RemoveInstallationAsync"/>: the installation and the instances the
/// removal concerned. When removing without its instances while live instances exist, the platform removes nothing
/// and lists the instances that stand in the way.
/// </summary>
public sealed record InstallationRemoval
{
    /// <summary>The installation, with its state after the call, or <see langword="null"/> when the platform returned none.</summary>
    public ConnectorInstallation? AffectedInstallation { get; init; }

    /// <summary>The instances of the installation: removed with it, or standing in the way of the removal.</summary>
    public IReadOnlyList<ConnectorInstance> AffectedInstances { get; init; } = [];
}
