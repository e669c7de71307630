using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Management;

/// <summary>An installation of a connector for an app, as the management API returns it.</summary>
public sealed record ConnectorInstallation
{
    /// <summary>The installation id.</summary>
    public string Id { get; init; } = "";

    /// <summary>The installed publication (only the fields the query asked for), or <see langword="null"/> when not returned.</summary>
    public ConnectorPublication? Connector { get; init; }

    /// <summary>The installation's state; <see cref="LifecycleState.Unknown"/> when not returned or not known.</summary>
    public LifecycleState State { get; init; }

    /// <summary>Any JSON the connector reported with the state, or <see langword="null"/>.</summary>
    public JsonElement? StateDetails { get; init; }
}
