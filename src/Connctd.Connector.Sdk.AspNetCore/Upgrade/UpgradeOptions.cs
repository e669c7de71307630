namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// How the connector upgrades its installations and instances after a deploy of a higher version (configuration
/// section <c>Connctd:Upgrade</c>). See <see cref="Connector.Version"/> and <see cref="Connector.OnUpgradeAsync(InstallationContext, int, CancellationToken)"/>.
/// </summary>
public sealed class UpgradeOptions
{
    /// <summary>
    /// The connector version (<c>Connctd:Upgrade:Version</c>); 0, the default, takes <see cref="Connector.Version"/>.
    /// While the version is 0 no upgrade hook runs.
    /// </summary>
    public int Version { get; set; }

    /// <summary>
    /// A targeted roll-out (<c>Connctd:Upgrade:Installations:0</c>, …): only these installations (with their instances)
    /// are upgraded and re-synced. Empty, with <see cref="Instances"/> empty too, means every installation.
    /// </summary>
    public IList<string> Installations { get; } = new List<string>();

    /// <summary>A targeted roll-out (<c>Connctd:Upgrade:Instances:0</c>, …): these instances are upgraded and re-synced, without their installation.</summary>
    public IList<string> Instances { get; } = new List<string>();

    /// <summary>
    /// A dry run (<c>Connctd:Upgrade:DryRun</c>): no hook runs and no thing changes; the log shows, per installation and
    /// instance, the version it would be upgraded from and the things the re-sync would create, re-create or delete.
    /// </summary>
    public bool DryRun { get; set; }

    /// <summary>How long a replica holds the upgrade of one installation or instance before another may take it over (1 minute; renewed while the hook runs).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first delay before a failed upgrade hook is run again (5 s); it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between attempts of a failing upgrade hook (10 minutes).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the upgrade runner looks again for installations and instances still to upgrade (30 s): failed ones whose retry is due, and ones taken over from a replica that stopped.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The scope these options select: the targeted installations and instances, or everything.</summary>
    /// <returns>The scope.</returns>
    public UpgradeScope ToScope() => Installations.Count == 0 && Instances.Count == 0
        ? UpgradeScope.All
        : UpgradeScope.Only(Installations.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()), Instances.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()));
}
