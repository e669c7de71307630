namespace Connctd.Connector.Sdk.Storage;

/// <summary>Where the upgrade of one installation or instance stands (<see cref="UpgradeRecord.Status"/>).</summary>
public enum UpgradeStatus
{
    /// <summary>Upgraded to <see cref="UpgradeRecord.Version"/>; nothing in progress.</summary>
    UpToDate = 0,

    /// <summary>Claimed by <see cref="UpgradeRecord.LeaseOwner"/>, which runs the upgrade hook towards <see cref="UpgradeRecord.TargetVersion"/>.</summary>
    Running = 1,

    /// <summary>The last attempt failed (<see cref="UpgradeRecord.LastError"/>); it is tried again from <see cref="UpgradeRecord.NextAttemptAt"/>.</summary>
    Failed = 2,
}
