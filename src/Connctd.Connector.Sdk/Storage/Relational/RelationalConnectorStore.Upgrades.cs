using System.Data.Common;
using Connctd.Connector.Sdk.Storage.Relational.Internal;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>The upgrade state of installations and instances (<see cref="IUpgradeStore"/>).</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    public async Task<bool> RecordUpgradeBaselineAsync(string subject, int version, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return await ExecuteAsync(Statements.InsertUpgradeIfAbsent, cancellationToken, ("subject", subject), ("version", version), ("updatedAt", recordedAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public Task<UpgradeRecord?> GetUpgradeAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return ReadOneAsync(Statements.SelectUpgrade, ReadUpgrade, cancellationToken, ("subject", subject));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UpgradeRecord>> ListUpgradesAsync(CancellationToken cancellationToken) =>
        ReadManyAsync(Statements.ListUpgrades, ReadUpgrade, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The insert of a missing record and the claim run in one write transaction; the claim is one conditional
    /// <c>UPDATE</c>, so of concurrent claimers (other replicas on a shared database) the database lets one change the row.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetVersion"/> or <paramref name="leaseDuration"/> is not positive.</exception>
    public Task<UpgradeRecord?> TryClaimUpgradeAsync(string subject, int targetVersion, string owner, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetVersion);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await Command(connection, transaction, Statements.InsertUpgradeIfAbsent, ("subject", subject), ("version", 0), ("updatedAt", now))
                    .ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                return await ReadSingleAsync(
                    Command(
                        connection,
                        transaction,
                        Statements.ClaimUpgrade,
                        ("subject", subject),
                        ("targetVersion", targetVersion),
                        ("owner", owner),
                        ("now", now),
                        ("leaseExpiresAt", now + leaseDuration)),
                    ReadUpgrade,
                    CancellationToken.None).ConfigureAwait(false);
            },
            cancellationToken,
            WriteDurability.ProcessCrash);
    }

    /// <inheritdoc />
    public async Task<bool> RenewUpgradeLeaseAsync(string subject, string owner, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await ExecuteAsync(Statements.RenewUpgradeLease, cancellationToken, ("subject", subject), ("owner", owner), ("leaseExpiresAt", leaseExpiresAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteUpgradeAsync(string subject, string owner, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await ExecuteAsync(Statements.CompleteUpgrade, cancellationToken, ("subject", subject), ("owner", owner), ("updatedAt", completedAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> FailUpgradeAsync(string subject, string owner, string failure, DateTimeOffset failedAt, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(failure);
        return await ExecuteAsync(
            Statements.FailUpgrade,
            cancellationToken,
            ("subject", subject),
            ("owner", owner),
            ("error", failure),
            ("nextAttemptAt", nextAttemptAt),
            ("updatedAt", failedAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteUpgradeAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return await ExecuteAsync(Statements.DeleteUpgrade, cancellationToken, ("subject", subject)).ConfigureAwait(false) > 0;
    }

    private UpgradeRecord ReadUpgrade(DbDataReader reader) => new(
        Subject: reader.GetString(0),
        Version: reader.GetInt32(1),
        TargetVersion: reader.IsDBNull(2) ? null : reader.GetInt32(2),
        Status: (UpgradeStatus)reader.GetInt32(3),
        Attempts: reader.GetInt32(4),
        LastError: reader.IsDBNull(5) ? null : reader.GetString(5),
        LeaseOwner: reader.IsDBNull(6) ? null : reader.GetString(6),
        LeaseExpiresAt: reader.IsDBNull(7) ? null : ReadTime(reader, 7),
        NextAttemptAt: reader.IsDBNull(8) ? null : ReadTime(reader, 8),
        UpdatedAt: ReadTime(reader, 9));
}
