using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>An installation of the connector: one app that installed it.</summary>
/// <remarks>Init-only properties, so later versions can add members without breaking callers.</remarks>
public sealed record Installation
{
    /// <summary>The installation id.</summary>
    public required string Id { get; init; }

    /// <summary>The configuration values the app gave.</summary>
    public required ConfigurationValues Configuration { get; init; }

    /// <summary>The state the connector answered or last reported.</summary>
    public required LifecycleState State { get; init; }
}
