using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Management;

/// <summary>An instance (instantiation) of an installation for one end customer, as the management API returns it.</summary>
public sealed record ConnectorInstance
{
    /// <summary>The instance id.</summary>
    public string Id { get; init; } = "";

    /// <summary>The id of the installation it belongs to, or <see langword="null"/> when not returned.</summary>
    public string? InstallationId { get; init; }

    /// <summary>The instance's state; <see cref="LifecycleState.Unknown"/> when not returned or not known.</summary>
    public LifecycleState State { get; init; }

    /// <summary>Any JSON the connector reported with the state, or <see langword="null"/>.</summary>
    public JsonElement? StateDetails { get; init; }

    /// <summary>
    /// The step the end customer must take next (for example a consent page to open), while the state is
    /// <see cref="LifecycleState.Ongoing"/>; otherwise <see langword="null"/>.
    /// </summary>
    public FurtherStep? FurtherStep { get; init; }
}
