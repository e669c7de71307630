namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Brings the things of every existing instance in line with what the connector describes now — after an upgrade
/// changed <see cref="Connector.GetThingsAsync"/>. Compare first with <see cref="PlanAsync(CancellationToken)"/> (a dry run), then
/// <see cref="ApplyAsync(CancellationToken)"/>. Applying is idempotent and resumable: each step is recorded in the store before the next,
/// thing creation keeps its never-twice guarantee, and deletions go through the durable outbox.
/// Instances whose things are still being created are left to that process.
/// </summary>
public interface IThingSynchronizer
{
    /// <summary>Reports what <see cref="ApplyAsync(CancellationToken)"/> would change, changing nothing.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    Task<ThingSyncReport> PlanAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates missing things, re-creates changed ones and deletes obsolete ones.</summary>
    /// <param name="cancellationToken">Cancels the operation; what is done stays done.</param>
    /// <returns>What was done.</returns>
    Task<ThingSyncReport> ApplyAsync(CancellationToken cancellationToken = default);

    /// <summary>As <see cref="PlanAsync(CancellationToken)"/>, for the instances of <paramref name="scope"/> only (a targeted roll-out).</summary>
    /// <param name="scope">The installations and instances to compare.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    Task<ThingSyncReport> PlanAsync(UpgradeScope scope, CancellationToken cancellationToken);

    /// <summary>As <see cref="ApplyAsync(CancellationToken)"/>, for the instances of <paramref name="scope"/> only (a targeted roll-out).</summary>
    /// <param name="scope">The installations and instances to bring in line.</param>
    /// <param name="cancellationToken">Cancels the operation; what is done stays done.</param>
    /// <returns>What was done.</returns>
    Task<ThingSyncReport> ApplyAsync(UpgradeScope scope, CancellationToken cancellationToken);
}
