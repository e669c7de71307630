using Connctd.Connector.Sdk.Security;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What a connector's installation hooks get: the installation, its token and the platform handle.</summary>
/// <param name="Installation">The installation.</param>
/// <param name="Token">The installation token (its <see cref="object.ToString"/> is masked).</param>
/// <param name="Platform">Reports state and pushes updates to the platform.</param>
public sealed record InstallationContext(Installation Installation, InstallationToken Token, IConnectorPlatform Platform);
