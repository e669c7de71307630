using Microsoft.Extensions.Logging;

namespace FunctionsConnector;

/// <summary>The function app's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Outbox drained after a {Trigger}: {Delivered} delivered, {Failed} failed for now, {DeadLettered} dead-lettered, {Remaining} remaining.")]
    public static partial void Drained(ILogger logger, string trigger, int delivered, int failed, int deadLettered, long remaining);

    [LoggerMessage(2, LogLevel.Warning, "Draining the outbox after a {Trigger} failed; what is queued stays queued for the next timer run.")]
    public static partial void DrainFailed(ILogger logger, Exception exception, string trigger);

    [LoggerMessage(3, LogLevel.Warning, "A callback's body could not be read ({Error}).")]
    public static partial void BodyUnreadable(ILogger logger, string error);
}
