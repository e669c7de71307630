using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Log messages about work that outlived the process that ran it: actions and outbox leases.</summary>
internal static partial class Log
{
    [LoggerMessage(3090, LogLevel.Warning, "Action {ActionRequestId}: unfinished beyond Connctd:AbandonedActionTimeout (the process that ran its hook stopped); reported FAILED to the platform.")]
    public static partial void ActionAbandoned(ILogger logger, string actionRequestId);

    [LoggerMessage(3092, LogLevel.Information, "Action {ActionRequestId}: thing {ThingId} was removed while the hook ran; answered FAILED.")]
    public static partial void ActionThingRemoved(ILogger logger, Exception exception, string actionRequestId, string thingId);

    [LoggerMessage(3091, LogLevel.Debug, "Action {ActionRequestId}: repeated while its hook runs; the repeat waits for the first answer.")]
    public static partial void ActionRepeatWaits(ILogger logger, string actionRequestId);

    [LoggerMessage(3093, LogLevel.Information, "Outbox: took back {Count} message(s) leased by {Owner}, an earlier life of this process on this machine.")]
    public static partial void OutboxLeasesReclaimed(ILogger logger, int count, string owner);
}
