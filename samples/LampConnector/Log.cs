namespace LampConnector;

/// <summary>The Lamp connector's own log lines: what happened to the lamps (the SDK logs callbacks and platform calls).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Installation {InstallationId}: installed.")]
    public static partial void Installed(ILogger logger, string installationId);

    [LoggerMessage(101, LogLevel.Information, "Instance {InstanceId}: {Count} lamp(s).")]
    public static partial void Instantiated(ILogger logger, string instanceId, int count);

    [LoggerMessage(102, LogLevel.Warning, "Instance {InstanceId}: refused, the 'lamps' parameter is not a whole number from 1 to 100.")]
    public static partial void LampsRefused(ILogger logger, string instanceId);

    [LoggerMessage(103, LogLevel.Information, "Lamp {LampId} ({ThingId}): switched {State}.")]
    public static partial void Switched(ILogger logger, string lampId, string thingId, string state);

    [LoggerMessage(104, LogLevel.Information, "Lamp {LampId} ({ThingId}): dimming to {Brightness} for action {ActionRequestId} (pending).")]
    public static partial void Dimming(ILogger logger, string lampId, string thingId, double brightness, string actionRequestId);

    [LoggerMessage(105, LogLevel.Information, "Lamp {LampId} ({ThingId}): dimmed to {Brightness}.")]
    public static partial void Dimmed(ILogger logger, string lampId, string thingId, double brightness);

    [LoggerMessage(106, LogLevel.Warning, "Lamp {LampId}: action {ActionId} refused, missing or invalid parameter.")]
    public static partial void BadParameter(ILogger logger, string lampId, string actionId);

    [LoggerMessage(107, LogLevel.Warning, "Lamp {LampId}: sending property {PropertyId} failed.")]
    public static partial void PropertyNotSent(ILogger logger, Exception exception, string lampId, string propertyId);

    [LoggerMessage(108, LogLevel.Warning, "Action {ActionRequestId}: completing it failed.")]
    public static partial void ActionNotCompleted(ILogger logger, Exception exception, string actionRequestId);

    [LoggerMessage(109, LogLevel.Information, "Instance {InstanceId}: removed, its lamps forgotten.")]
    public static partial void InstanceRemoved(ILogger logger, string instanceId);

    [LoggerMessage(110, LogLevel.Information, "Installation {InstallationId}: uninstalled.")]
    public static partial void Uninstalled(ILogger logger, string installationId);
}
