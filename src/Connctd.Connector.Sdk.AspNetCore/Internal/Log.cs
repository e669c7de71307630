using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Source-generated log messages of the hosting package (event ids 3000–3099). Never tokens, keys, signatures or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Warning, "Refused {Method} {Path}: signature check failed ({Reason}).")]
    public static partial void SignatureRejected(ILogger logger, string method, string path, SignatureVerificationResult reason);

    [LoggerMessage(3001, LogLevel.Warning, "Refused {Method} {Path}: {StatusCode} {ErrorCode}.")]
    public static partial void CallbackRefused(ILogger logger, string method, string path, int statusCode, string errorCode);

    [LoggerMessage(3002, LogLevel.Information, "{Kind} callback {Path}: answered {StatusCode}.")]
    public static partial void CallbackAnswered(ILogger logger, string kind, string path, int statusCode);

    [LoggerMessage(3003, LogLevel.Error, "{Kind} {Id}: the connector's hook failed.")]
    public static partial void HookFailed(ILogger logger, Exception exception, string kind, string id);

    [LoggerMessage(3004, LogLevel.Information, "{Kind} {Id}: repeated callback, answered {StatusCode} as recorded.")]
    public static partial void RepeatedCallback(ILogger logger, string kind, string id, int statusCode);

    [LoggerMessage(3010, LogLevel.Information, "Instance {InstanceId}: created thing {ExternalId} as {ThingId}.")]
    public static partial void ThingCreated(ILogger logger, string instanceId, string externalId, string thingId);

    [LoggerMessage(3011, LogLevel.Error, "Instance {InstanceId}: creating thing {ExternalId} failed (platform status {Status}, {ErrorCode}).")]
    public static partial void ThingCreationFailed(ILogger logger, Exception exception, string instanceId, string externalId, int status, string? errorCode);

    [LoggerMessage(3012, LogLevel.Error, "Instance {InstanceId}: the outcome of creating thing {ExternalId} is unknown; it is not sent again so that it cannot exist twice. Remove and instantiate the instance again if it is missing.")]
    public static partial void ThingCreationUncertain(ILogger logger, string instanceId, string externalId);

    [LoggerMessage(3013, LogLevel.Error, "Instance {InstanceId}: the connector described invalid things: {Errors}")]
    public static partial void InvalidThings(ILogger logger, string instanceId, string errors);

    [LoggerMessage(3014, LogLevel.Information, "Instance {InstanceId}: every thing exists ({Count}).")]
    public static partial void ThingsComplete(ILogger logger, string instanceId, int count);

    [LoggerMessage(3015, LogLevel.Information, "Resuming thing creation of {Count} instance(s) after start-up.")]
    public static partial void ResumingThingCreation(ILogger logger, int count);

    [LoggerMessage(3016, LogLevel.Error, "Instance {InstanceId}: background thing creation failed.")]
    public static partial void BackgroundCreationFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(3020, LogLevel.Warning, "Reporting the state of {Kind} {Id} to the platform failed.")]
    public static partial void StateReportFailed(ILogger logger, Exception exception, string kind, string id);

    [LoggerMessage(3021, LogLevel.Information, "Connector store ready ({Store}).")]
    public static partial void StoreReady(ILogger logger, string store);

    [LoggerMessage(3030, LogLevel.Warning, "Outbox: {Operation} message {MessageId} failed (attempt {Attempts}, {Reason}); trying again in {Delay}.")]
    public static partial void OutboxRetry(ILogger logger, OutboxOperation operation, long messageId, int attempts, string reason, TimeSpan delay);

    [LoggerMessage(3031, LogLevel.Error, "Outbox: {Operation} message {MessageId} moved to the dead letters (status {StatusCode}): {Error}")]
    public static partial void OutboxDeadLettered(ILogger logger, OutboxOperation operation, long messageId, int statusCode, string error);

    [LoggerMessage(3032, LogLevel.Error, "Outbox: leasing messages from the store failed.")]
    public static partial void OutboxLeaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(3040, LogLevel.Information, "Thing re-sync {What} for instance {InstanceId}: {Missing} missing, {Changed} changed, {Obsolete} obsolete, {Adopted} adopted; error: {Error}.")]
    public static partial void InstanceSync(ILogger logger, string what, string instanceId, int missing, int changed, int obsolete, int adopted, string error);

    [LoggerMessage(3041, LogLevel.Information, "Thing re-sync {What}: {Instances} instance(s) compared; {Missing} missing, {Changed} changed, {Obsolete} obsolete.")]
    public static partial void ThingSyncDone(ILogger logger, string what, int instances, int missing, int changed, int obsolete);

    [LoggerMessage(3042, LogLevel.Error, "Thing re-sync failed; it runs again at the next start or on demand.")]
    public static partial void ThingSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "{Kind} {Id}: configuration refused with 403 ({Violations}).")]
    public static partial void ConfigurationRefused(ILogger logger, string kind, string id, string violations);
}
