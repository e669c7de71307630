namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Which installations and instances an upgrade or re-sync touches: everything (<see cref="All"/>), or a targeted
/// roll-out (<see cref="Only"/>): the listed installations with all their instances, and the listed instances alone.
/// </summary>
public sealed class UpgradeScope
{
    private UpgradeScope(bool all, IReadOnlySet<string> installations, IReadOnlySet<string> instances)
    {
        IsAll = all;
        Installations = installations;
        Instances = instances;
    }

    /// <summary>Every installation and instance.</summary>
    public static UpgradeScope All { get; } = new(true, new HashSet<string>(), new HashSet<string>());

    /// <summary>True when the scope is every installation and instance.</summary>
    public bool IsAll { get; }

    /// <summary>The installations chosen, each with its instances (empty for <see cref="All"/>).</summary>
    public IReadOnlySet<string> Installations { get; }

    /// <summary>The instances chosen on their own (empty for <see cref="All"/>).</summary>
    public IReadOnlySet<string> Instances { get; }

    /// <summary>A targeted scope.</summary>
    /// <param name="installations">Installations to include with all their instances.</param>
    /// <param name="instances">Instances to include without their installation.</param>
    /// <returns>The scope.</returns>
    public static UpgradeScope Only(IEnumerable<string> installations, IEnumerable<string> instances)
    {
        ArgumentNullException.ThrowIfNull(installations);
        ArgumentNullException.ThrowIfNull(instances);
        return new(false, new HashSet<string>(installations, StringComparer.Ordinal), new HashSet<string>(instances, StringComparer.Ordinal));
    }

    /// <summary>Whether the installation's own upgrade is in the scope.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <returns>True if it is.</returns>
    public bool IncludesInstallation(string installationId) => IsAll || Installations.Contains(installationId);

    /// <summary>Whether an instance is in the scope (listed itself, or its installation is).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="installationId">Its installation's id.</param>
    /// <returns>True if it is.</returns>
    public bool IncludesInstance(string instanceId, string installationId) =>
        IsAll || Instances.Contains(instanceId) || Installations.Contains(installationId);

    /// <inheritdoc />
    public override string ToString() => IsAll
        ? "every installation and instance"
        : $"installations [{string.Join(", ", Installations.Order(StringComparer.Ordinal))}], instances [{string.Join(", ", Instances.Order(StringComparer.Ordinal))}]";
}
