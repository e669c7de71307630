using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>An instance of the connector: one end customer of an installation's app. Its things belong to it.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="InstallationId">The installation it belongs to.</param>
/// <param name="Configuration">The customer configuration values.</param>
/// <param name="State">The state the connector answered or last reported.</param>
public sealed record Instance(string Id, string InstallationId, ConfigurationValues Configuration, LifecycleState State);
