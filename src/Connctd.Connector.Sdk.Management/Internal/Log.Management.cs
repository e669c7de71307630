using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Management;

/// <summary>Log messages of the management client and its token providers (event ids 5000–5099). Never a token, a password, a header or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Management call {Operation} answered {Status} after {ElapsedMilliseconds} ms")]
    public static partial void CallSucceeded(ILogger logger, string operation, int status, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Management call {Operation} failed after {ElapsedMilliseconds} ms: status {Status}, error {ErrorCode}, request id {RequestId}, transient {IsTransient}")]
    public static partial void CallFailed(ILogger logger, string operation, long elapsedMilliseconds, int status, string? errorCode, string? requestId, bool isTransient);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Management call {Operation} answered {Status} with {ErrorCount} GraphQL error(s), first code {ErrorCode}")]
    public static partial void CallGraphQLErrors(ILogger logger, string operation, int status, int errorCount, string? errorCode);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Management call {Operation} was refused with 401; fetching a new {TokenKind} token and trying once more")]
    public static partial void CallUnauthorizedRetrying(ILogger logger, string operation, ManagementTokenKind tokenKind);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Token request {Operation} sent")]
    public static partial void TokenRequesting(ILogger logger, string operation);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Debug, Message = "Token request {Operation} answered {Status} after {ElapsedMilliseconds} ms")]
    public static partial void TokenRequestSucceeded(ILogger logger, string operation, int status, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Token request {Operation} failed after {ElapsedMilliseconds} ms: status {Status}, error {ErrorCode}")]
    public static partial void TokenRequestFailed(ILogger logger, string operation, int status, string? errorCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Debug, Message = "Token from {Operation} obtained; it expires at {ExpiresAt:O} (from {ExpirySource})")]
    public static partial void TokenObtained(ILogger logger, string operation, DateTimeOffset expiresAt, string expirySource);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Token from {Operation} had already expired when it arrived (expiry from {ExpirySource}); check the clock. It is used once and renewed on the next call")]
    public static partial void TokenAlreadyExpired(ILogger logger, string operation, string expirySource);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Warning, Message = "Renewing the token from {Operation} failed (status {Status}, error {ErrorCode}); the cached token stays in use for its last {RemainingSeconds} s")]
    public static partial void TokenRefreshFailedUsingCached(ILogger logger, string operation, int status, string? errorCode, long remainingSeconds);
}
