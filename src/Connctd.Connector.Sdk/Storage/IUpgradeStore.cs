namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// The upgrade state of every installation and instance, shared by every replica on the store: the connector version
/// each was last upgraded to, and a lease so that of several replicas exactly one runs the upgrade hook of a subject,
/// and another takes over once the lease of a crashed one expires.
/// </summary>
/// <remarks>Subjects are <c>installation/&lt;id&gt;</c> or <c>instance/&lt;id&gt;</c>; a subject without a record counts as version 0.</remarks>
public interface IUpgradeStore
{
    /// <summary>Records that <paramref name="subject"/> was created by connector version <paramref name="version"/> (up to date), unless it has a record.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">The connector version that created it.</param>
    /// <param name="recordedAt">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True if this call inserted the record.</returns>
    Task<bool> RecordUpgradeBaselineAsync(string subject, int version, DateTimeOffset recordedAt, CancellationToken cancellationToken);

    /// <summary>Returns the record of a subject, or null when it has none.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record or null.</returns>
    Task<UpgradeRecord?> GetUpgradeAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Returns every record.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records, ordered by subject.</returns>
    Task<IReadOnlyList<UpgradeRecord>> ListUpgradesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the upgrade of <paramref name="subject"/> to <paramref name="targetVersion"/> for <paramref name="owner"/>
    /// (status <see cref="UpgradeStatus.Running"/>, one attempt more): only when its version is lower, nobody holds an
    /// unexpired lease on it, and a failed attempt's <see cref="UpgradeRecord.NextAttemptAt"/> has come. A subject without
    /// a record gets one at version 0 first. Atomic: of several concurrent callers at most one gets a record back.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="targetVersion">The version to upgrade to; positive.</param>
    /// <param name="owner">Who claims (a replica's id).</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed; positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claimed record (its <see cref="UpgradeRecord.Version"/> is the version to upgrade from), or null when not claimed.</returns>
    Task<UpgradeRecord?> TryClaimUpgradeAsync(string subject, int targetVersion, string owner, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends the lease <paramref name="owner"/> holds on <paramref name="subject"/>.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="owner">The lease's holder.</param>
    /// <param name="leaseExpiresAt">The new end of the lease.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if <paramref name="owner"/> no longer holds it.</returns>
    Task<bool> RenewUpgradeLeaseAsync(string subject, string owner, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken);

    /// <summary>Records that the upgrade <paramref name="owner"/> claimed succeeded: the subject is at its target version, up to date, the lease released.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="owner">The lease's holder.</param>
    /// <param name="completedAt">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if <paramref name="owner"/> no longer holds the lease (nothing is changed).</returns>
    Task<bool> CompleteUpgradeAsync(string subject, string owner, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>Records that the upgrade <paramref name="owner"/> claimed failed: status <see cref="UpgradeStatus.Failed"/>, the error, when to try again; the lease released.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="owner">The lease's holder.</param>
    /// <param name="failure">Why it failed.</param>
    /// <param name="failedAt">The current time.</param>
    /// <param name="nextAttemptAt">When it may be tried again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if <paramref name="owner"/> no longer holds the lease (nothing is changed).</returns>
    Task<bool> FailUpgradeAsync(string subject, string owner, string failure, DateTimeOffset failedAt, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Forgets the record of a subject (the installation or instance was removed).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if it had none.</returns>
    Task<bool> DeleteUpgradeAsync(string subject, CancellationToken cancellationToken);
}
