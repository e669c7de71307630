namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What the runtime does at start-up about instances whose things no longer match the connector's templates (for example after an upgrade).</summary>
public enum ThingSyncMode
{
    /// <summary>Nothing; call <see cref="IThingSynchronizer"/> yourself.</summary>
    Off,

    /// <summary>Log a dry-run report of what would change (the default).</summary>
    Report,

    /// <summary>Bring every instance in line: create missing things, re-create changed ones, delete the ones no longer described.</summary>
    Apply,
}
