using Connctd.Connector.Sdk.Security;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// What <see cref="Connector.OnInstantiateAsync"/> and <see cref="Connector.GetThingsAsync"/> get: the instance, its
/// installation, its token and the platform handle.
/// </summary>
/// <remarks>A class with init-only properties, so later versions can add members without breaking callers.</remarks>
public sealed class InstanceContext
{
    /// <summary>The instance.</summary>
    public required Instance Instance { get; init; }

    /// <summary>The installation the instance belongs to.</summary>
    public required Installation Installation { get; init; }

    /// <summary>The instance token (its <see cref="object.ToString"/> is masked).</summary>
    public required InstanceToken Token { get; init; }

    /// <summary>Queues state reports and updates for the platform.</summary>
    public required IConnectorPlatform Platform { get; init; }

    /// <summary>The instance, its installation id and the masked token, for logs.</summary>
    /// <returns>Text without any secret.</returns>
    public override string ToString() => $"InstanceContext {{ Instance = {Instance}, Token = {Token} }}";
}
