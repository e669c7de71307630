using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Log messages of the upgrade runner (event ids 3060–3069).</summary>
internal static partial class Log
{
    [LoggerMessage(3060, LogLevel.Information, "Upgrade of {Kind} {Id} from version {FromVersion} to {ToVersion} succeeded (attempt {Attempt}).")]
    private static partial void UpgradeSucceededCore(ILogger logger, string kind, string id, int fromVersion, int toVersion, int attempt);

    public static void UpgradeSucceeded(ILogger logger, string kind, string id, int fromVersion, int toVersion, int attempt) =>
        UpgradeSucceededCore(logger, kind, LogValue.Escape(id), fromVersion, toVersion, attempt);

    [LoggerMessage(3061, LogLevel.Warning, "Upgrade of {Kind} {Id} from version {FromVersion} to {ToVersion} failed (attempt {Attempt}); it runs again at {NextAttemptAt:O}.")]
    private static partial void UpgradeFailedCore(ILogger logger, Exception exception, string kind, string id, int fromVersion, int toVersion, int attempt, DateTimeOffset nextAttemptAt);

    public static void UpgradeFailed(ILogger logger, Exception exception, string kind, string id, int fromVersion, int toVersion, int attempt, DateTimeOffset nextAttemptAt) =>
        UpgradeFailedCore(logger, exception, kind, LogValue.Escape(id), fromVersion, toVersion, attempt, nextAttemptAt);

    [LoggerMessage(3062, LogLevel.Information, "Upgrade to version {Version} {What} for {Scope}: {Upgraded} upgraded, {Failed} failed, {Pending} pending.")]
    public static partial void UpgradePassDone(ILogger logger, int version, string what, string scope, int upgraded, int failed, int pending);

    [LoggerMessage(3063, LogLevel.Information, "Upgrade dry run: {Kind} {Id} would be upgraded from version {FromVersion} to {ToVersion}.")]
    private static partial void UpgradePlannedCore(ILogger logger, string kind, string id, int fromVersion, int toVersion);

    public static void UpgradePlanned(ILogger logger, string kind, string id, int fromVersion, int toVersion) =>
        UpgradePlannedCore(logger, kind, LogValue.Escape(id), fromVersion, toVersion);

    [LoggerMessage(3064, LogLevel.Error, "The upgrade runner failed; it tries again in {Delay}.")]
    public static partial void UpgradeRunnerFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3065, LogLevel.Warning, "Upgrade of {Kind} {Id}: the lease was lost to another replica; the hook is cancelled.")]
    private static partial void UpgradeLeaseLostCore(ILogger logger, string kind, string id);

    public static void UpgradeLeaseLost(ILogger logger, string kind, string id) => UpgradeLeaseLostCore(logger, kind, LogValue.Escape(id));

    [LoggerMessage(3066, LogLevel.Information, "Upgrades are off: the connector declares no version (override Connector.Version or set Connctd:Upgrade:Version).")]
    public static partial void UpgradesOff(ILogger logger);
}
