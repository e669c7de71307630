using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Log messages of the outbox worker beyond those in <c>Log.cs</c>.</summary>
internal static partial class Log
{
    [LoggerMessage(3033, LogLevel.Warning, "Outbox: recording the outcome of {Operation} message {MessageId} ({Outcome}) in the store failed until its lease ran short; it is attempted again after the lease expires.")]
    public static partial void OutboxRecordFailed(ILogger logger, Exception exception, OutboxOperation operation, long messageId, string outcome);
}
