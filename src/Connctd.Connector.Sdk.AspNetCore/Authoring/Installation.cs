using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>An installation of the connector: one app that installed it.</summary>
/// <param name="Id">The installation id.</param>
/// <param name="Configuration">The configuration values the app gave.</param>
/// <param name="State">The state the connector answered or last reported.</param>
public sealed record Installation(string Id, ConfigurationValues Configuration, LifecycleState State);
