using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Log messages of the outbox worker and drainer beyond those in <c>Log.cs</c>.</summary>
internal static partial class Log
{
    [LoggerMessage(3033, LogLevel.Warning, "Outbox: recording the outcome of {Operation} message {MessageId} ({Outcome}) in the store failed until its lease ran short; it is attempted again after the lease expires.")]
    public static partial void OutboxRecordFailed(ILogger logger, Exception exception, OutboxOperation operation, long messageId, string outcome);

    [LoggerMessage(3034, LogLevel.Information, "Outbox: background delivery is off (Connctd:Outbox:BackgroundDelivery); messages are delivered only when IOutboxDrainer.DrainAsync is called.")]
    public static partial void OutboxBackgroundDeliveryOff(ILogger logger);

    [LoggerMessage(3035, LogLevel.Debug, "Outbox: drain ended ({Reason}): {Delivered} delivered, {Failed} failed for now, {DeadLettered} dead-lettered, {Remaining} remaining.")]
    public static partial void OutboxDrained(ILogger logger, string reason, int delivered, int failed, int deadLettered, long remaining);
}
