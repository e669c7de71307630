namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What an upgrade pass did or would do for one installation or instance.</summary>
public enum UpgradeSubjectOutcome
{
    /// <summary>Already at the connector's version; nothing to do.</summary>
    UpToDate = 0,

    /// <summary>Its upgrade hook ran and succeeded (or, in a plan, would run).</summary>
    Upgraded = 1,

    /// <summary>Its upgrade hook failed; it is retried with backoff.</summary>
    Failed = 2,

    /// <summary>Another replica runs its upgrade hook right now, or a failed attempt waits for its retry time.</summary>
    Waiting = 3,

    /// <summary>Not upgraded now: its installation is not upgraded yet, or it is not set up completely.</summary>
    Skipped = 4,
}
