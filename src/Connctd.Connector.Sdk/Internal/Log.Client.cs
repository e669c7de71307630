using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk;

/// <summary>Log messages of the platform API client (event ids 1200–1299). Never a token, a header or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Platform call {Operation} answered {Status} after {ElapsedMilliseconds} ms")]
    public static partial void PlatformCallSucceeded(ILogger logger, string operation, int status, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Platform call {Operation} failed after {ElapsedMilliseconds} ms: status {Status}, error {ErrorCode}, request id {RequestId}, transient {IsTransient}, outcome unknown {OutcomeUnknown}")]
    public static partial void PlatformCallFailed(
        ILogger logger, string operation, long elapsedMilliseconds, int status, string? errorCode, string? requestId, bool isTransient, bool outcomeUnknown);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Platform call {Operation}: retry {Retry} in {DelayMilliseconds} ms after {Outcome}")]
    public static partial void PlatformCallRetrying(ILogger logger, string operation, int retry, long delayMilliseconds, string outcome);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Platform call {Operation} answered {Status} with Retry-After {RetryAfterMilliseconds} ms, beyond the remaining {RemainingMilliseconds} ms of the total timeout; not retrying")]
    public static partial void PlatformRetryAfterBeyondBudget(ILogger logger, string operation, int status, long retryAfterMilliseconds, long remainingMilliseconds);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Platform circuit opened for {BreakMilliseconds} ms after repeated failures (last: {Outcome}); calls fail at once until then")]
    public static partial void PlatformCircuitOpened(ILogger logger, long breakMilliseconds, string outcome);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Platform circuit half-open: the next call tests the platform")]
    public static partial void PlatformCircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Platform circuit closed: calls reach the platform again")]
    public static partial void PlatformCircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Platform call {Operation} answered {Status} with a body the client could not read")]
    public static partial void PlatformResponseUnreadable(ILogger logger, string operation, int status);
}
