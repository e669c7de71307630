using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>An instance of the connector: one end customer of an installation's app. Its things belong to it.</summary>
/// <remarks>Init-only properties, so later versions can add members without breaking callers.</remarks>
public sealed record Instance
{
    /// <summary>The instance id.</summary>
    public required string Id { get; init; }

    /// <summary>The installation it belongs to.</summary>
    public required string InstallationId { get; init; }

    /// <summary>The customer configuration values.</summary>
    public required ConfigurationValues Configuration { get; init; }

    /// <summary>The state the connector answered or last reported.</summary>
    public required LifecycleState State { get; init; }
}
