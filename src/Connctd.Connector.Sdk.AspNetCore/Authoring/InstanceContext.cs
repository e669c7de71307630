using Connctd.Connector.Sdk.Security;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What a connector's instance hooks get: the instance, its installation, its token and the platform handle.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Installation">The installation the instance belongs to.</param>
/// <param name="Token">The instance token (its <see cref="object.ToString"/> is masked).</param>
/// <param name="Platform">Reports state and pushes updates to the platform.</param>
public sealed record InstanceContext(Instance Instance, Installation Installation, InstanceToken Token, IConnectorPlatform Platform);
