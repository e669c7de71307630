using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Log messages of the upstream API client (event ids 3200–3299). Never a credential, a header, a request address
/// (an API key may travel in the query) or a body.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3200, LogLevel.Debug, "Upstream {Api} {Method} answered {Status} after {ElapsedMilliseconds} ms.")]
    public static partial void UpstreamCallAnswered(ILogger logger, string api, string method, int status, long elapsedMilliseconds);

    [LoggerMessage(3201, LogLevel.Warning, "Upstream {Api} {Method} failed after {ElapsedMilliseconds} ms: status {Status}, error {ErrorCode}, transient {IsTransient}.")]
    public static partial void UpstreamCallFailed(ILogger logger, string api, string method, long elapsedMilliseconds, int status, string errorCode, bool isTransient);

    [LoggerMessage(3202, LogLevel.Debug, "Upstream {Api} {Method}: retry {Retry} in {DelayMilliseconds} ms after {Outcome}.")]
    public static partial void UpstreamCallRetrying(ILogger logger, string api, string method, int retry, long delayMilliseconds, string outcome);

    [LoggerMessage(3203, LogLevel.Warning, "Upstream {Api} {Method} answered {Status} with Retry-After {RetryAfterMilliseconds} ms, beyond the remaining {RemainingMilliseconds} ms of the total timeout; not retrying.")]
    public static partial void UpstreamRetryAfterBeyondBudget(ILogger logger, string api, string method, int status, long retryAfterMilliseconds, long remainingMilliseconds);

    [LoggerMessage(3204, LogLevel.Warning, "Upstream {Circuit} circuit opened for {BreakMilliseconds} ms after repeated failures (last: {Outcome}); calls fail at once until then.")]
    public static partial void UpstreamCircuitOpened(ILogger logger, string circuit, long breakMilliseconds, string outcome);

    [LoggerMessage(3205, LogLevel.Information, "Upstream {Circuit} circuit half-open: the next call tests the API.")]
    public static partial void UpstreamCircuitHalfOpened(ILogger logger, string circuit);

    [LoggerMessage(3206, LogLevel.Information, "Upstream {Circuit} circuit closed: calls reach the API again.")]
    public static partial void UpstreamCircuitClosed(ILogger logger, string circuit);

    [LoggerMessage(3210, LogLevel.Debug, "Upstream {Api}: fetched an OAuth2 token valid for {LifetimeSeconds} s.")]
    public static partial void UpstreamTokenFetched(ILogger logger, string api, long lifetimeSeconds);

    [LoggerMessage(3211, LogLevel.Warning, "Upstream {Api}: the OAuth2 token endpoint failed (status {Status}).")]
    public static partial void UpstreamTokenFailed(ILogger logger, string api, int status);

    [LoggerMessage(3212, LogLevel.Warning, "Upstream {Api}: refreshing the OAuth2 token failed; the current token is used until it expires.")]
    public static partial void UpstreamTokenRefreshFailed(ILogger logger, string api);

    [LoggerMessage(3213, LogLevel.Information, "Upstream {Api}: the API refused the OAuth2 token (401); the next call fetches a new one.")]
    public static partial void UpstreamTokenRefused(ILogger logger, string api);

    [LoggerMessage(3220, LogLevel.Information, "Upstream {Circuit}: marked {Count} thing(s) of instance {InstanceId} {Status}.")]
    public static partial void UpstreamThingsMarked(ILogger logger, string circuit, int count, string instanceId, ThingStatus status);

    [LoggerMessage(3221, LogLevel.Warning, "Upstream {Circuit}: marking the things of instance {InstanceId} {Status} failed.")]
    public static partial void UpstreamMarkingFailed(ILogger logger, Exception exception, string circuit, string instanceId, ThingStatus status);
}
