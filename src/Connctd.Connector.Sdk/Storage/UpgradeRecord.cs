namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// The upgrade state of one installation or instance (<see cref="IUpgradeStore"/>): the connector version it was last
/// upgraded to, and the attempt in progress or the last failed one.
/// </summary>
/// <param name="Subject">What it is about: <c>installation/&lt;id&gt;</c> or <c>instance/&lt;id&gt;</c>.</param>
/// <param name="Version">The connector version the subject was last upgraded to (or created with); 0 when unknown.</param>
/// <param name="TargetVersion">The version the running or failed attempt upgrades to; null when <see cref="UpgradeStatus.UpToDate"/>.</param>
/// <param name="Status">Up to date, running or failed.</param>
/// <param name="Attempts">The attempts made towards <see cref="TargetVersion"/> (or towards <see cref="Version"/>, once reached); 0 for a created subject.</param>
/// <param name="LastError">Why the last attempt failed, or null.</param>
/// <param name="LeaseOwner">The replica running the attempt, or null.</param>
/// <param name="LeaseExpiresAt">When the lease of <see cref="LeaseOwner"/> ends unless renewed; after it another replica may take over.</param>
/// <param name="NextAttemptAt">When a failed attempt may be made again, or null.</param>
/// <param name="UpdatedAt">The time of the last change.</param>
public sealed record UpgradeRecord(
    string Subject,
    int Version,
    int? TargetVersion,
    UpgradeStatus Status,
    int Attempts,
    string? LastError,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset UpdatedAt);
