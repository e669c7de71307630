namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// What <see cref="Connector.OnUninstallAsync"/> gets: the installation being removed and the instances removed with
/// it. Their tokens are no longer valid, so there is no platform handle.
/// </summary>
/// <remarks>A class with init-only properties, so later versions can add members without breaking callers.</remarks>
public sealed class UninstallationContext
{
    /// <summary>The installation being removed.</summary>
    public required Installation Installation { get; init; }

    /// <summary>Its instances, removed with it (their own removal hooks do not run).</summary>
    public required IReadOnlyList<Instance> Instances { get; init; }
}
