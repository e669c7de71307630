namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// What <see cref="Connector.OnRemoveInstanceAsync"/> gets: the instance being removed and its installation. The
/// instance token is no longer valid, so there is no platform handle; the platform deletes the things itself.
/// </summary>
/// <remarks>A class with init-only properties, so later versions can add members without breaking callers.</remarks>
public sealed class InstanceRemovalContext
{
    /// <summary>The instance being removed.</summary>
    public required Instance Instance { get; init; }

    /// <summary>The installation it belongs to (which stays).</summary>
    public required Installation Installation { get; init; }
}
