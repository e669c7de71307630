namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Runs the connector's upgrade hooks (<see cref="Connector.OnUpgradeAsync(InstallationContext, int, CancellationToken)"/>
/// and <see cref="Connector.OnUpgradeAsync(InstanceContext, int, CancellationToken)"/>) for the installations and
/// instances still at a lower version than <see cref="TargetVersion"/>. The runtime does this by itself after start
/// (<c>Connctd:Upgrade</c>); use this service for a roll-out on demand or a dry run.
/// </summary>
/// <remarks>
/// Each hook runs once per installation or instance across every replica on the store: a replica claims it with a
/// lease in the store, renews the lease while the hook runs and records the new version afterwards. A replica that
/// dies mid-hook leaves its lease to expire; then another runs that hook again (hooks must tolerate being run again
/// after an interrupted run), while completed ones never run again.
/// </remarks>
public interface IConnectorUpgrader
{
    /// <summary>The connector's version (<c>Connctd:Upgrade:Version</c>, else <see cref="Connector.Version"/>).</summary>
    int TargetVersion { get; }

    /// <summary>Reports what <see cref="RunAsync"/> would do, and what the thing re-sync would change per instance; changes nothing.</summary>
    /// <param name="scope">The installations and instances to look at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan.</returns>
    Task<UpgradeReport> PlanAsync(UpgradeScope scope, CancellationToken cancellationToken = default);

    /// <summary>Runs the upgrade hook of every installation and instance of the scope that is still at a lower version (installations before their instances).</summary>
    /// <param name="scope">The installations and instances to upgrade.</param>
    /// <param name="cancellationToken">Stops between hooks; a hook in progress is given the token.</param>
    /// <returns>What was done; failed hooks are retried by the runtime with backoff.</returns>
    Task<UpgradeReport> RunAsync(UpgradeScope scope, CancellationToken cancellationToken = default);
}
