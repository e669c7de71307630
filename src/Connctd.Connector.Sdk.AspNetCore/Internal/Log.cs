using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Source-generated log messages of the hosting package (event ids 3000–3099). Never tokens, keys, signatures or
/// bodies. Ids and paths a client or connector chose go through <see cref="LogValue.Escape"/> in the public wrappers,
/// so that a CR or a bidi control in an id cannot forge or disguise a log line.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Warning, "Refused {Method} {Path}: signature check failed ({Reason}).")]
    private static partial void SignatureRejectedCore(ILogger logger, string method, string path, SignatureVerificationResult reason);

    public static void SignatureRejected(ILogger logger, string method, string path, SignatureVerificationResult reason) =>
        SignatureRejectedCore(logger, LogValue.Escape(method), LogValue.Escape(path), reason);

    [LoggerMessage(3001, LogLevel.Warning, "Refused {Method} {Path}: {StatusCode} {ErrorCode}.")]
    private static partial void CallbackRefusedCore(ILogger logger, string method, string path, int statusCode, string errorCode);

    public static void CallbackRefused(ILogger logger, string method, string path, int statusCode, string errorCode) =>
        CallbackRefusedCore(logger, LogValue.Escape(method), LogValue.Escape(path), statusCode, errorCode);

    [LoggerMessage(3002, LogLevel.Information, "{Kind} callback {Path}: answered {StatusCode}.")]
    private static partial void CallbackAnsweredCore(ILogger logger, string kind, string path, int statusCode);

    public static void CallbackAnswered(ILogger logger, string kind, string path, int statusCode) =>
        CallbackAnsweredCore(logger, kind, LogValue.Escape(path), statusCode);

    [LoggerMessage(3003, LogLevel.Error, "{Kind} {Id}: the connector's hook failed.")]
    private static partial void HookFailedCore(ILogger logger, Exception exception, string kind, string id);

    public static void HookFailed(ILogger logger, Exception exception, string kind, string id) =>
        HookFailedCore(logger, exception, kind, LogValue.Escape(id));

    [LoggerMessage(3004, LogLevel.Information, "{Kind} {Id}: repeated callback, answered {StatusCode} as recorded.")]
    private static partial void RepeatedCallbackCore(ILogger logger, string kind, string id, int statusCode);

    public static void RepeatedCallback(ILogger logger, string kind, string id, int statusCode) =>
        RepeatedCallbackCore(logger, kind, LogValue.Escape(id), statusCode);

    [LoggerMessage(3010, LogLevel.Information, "Instance {InstanceId}: created thing {ExternalId} as {ThingId}.")]
    private static partial void ThingCreatedCore(ILogger logger, string instanceId, string externalId, string thingId);

    public static void ThingCreated(ILogger logger, string instanceId, string externalId, string thingId) =>
        ThingCreatedCore(logger, LogValue.Escape(instanceId), LogValue.Escape(externalId), LogValue.Escape(thingId));

    [LoggerMessage(3011, LogLevel.Error, "Instance {InstanceId}: creating thing {ExternalId} failed (platform status {Status}, {ErrorCode}).")]
    private static partial void ThingCreationFailedCore(ILogger logger, Exception exception, string instanceId, string externalId, int status, string? errorCode);

    public static void ThingCreationFailed(ILogger logger, Exception exception, string instanceId, string externalId, int status, string? errorCode) =>
        ThingCreationFailedCore(logger, exception, LogValue.Escape(instanceId), LogValue.Escape(externalId), status, errorCode is null ? null : LogValue.Escape(errorCode));

    [LoggerMessage(3012, LogLevel.Error, "Instance {InstanceId}: the outcome of creating thing {ExternalId} is unknown; it is not sent again so that it cannot exist twice. Remove and instantiate the instance again if it is missing.")]
    private static partial void ThingCreationUncertainCore(ILogger logger, string instanceId, string externalId);

    public static void ThingCreationUncertain(ILogger logger, string instanceId, string externalId) =>
        ThingCreationUncertainCore(logger, LogValue.Escape(instanceId), LogValue.Escape(externalId));

    [LoggerMessage(3013, LogLevel.Error, "Instance {InstanceId}: the connector described invalid things: {Errors}")]
    public static partial void InvalidThings(ILogger logger, string instanceId, string errors);

    [LoggerMessage(3014, LogLevel.Information, "Instance {InstanceId}: every thing exists ({Count}).")]
    public static partial void ThingsComplete(ILogger logger, string instanceId, int count);

    [LoggerMessage(3015, LogLevel.Information, "Resuming thing creation of {Count} instance(s) after start-up.")]
    public static partial void ResumingThingCreation(ILogger logger, int count);

    [LoggerMessage(3016, LogLevel.Error, "Instance {InstanceId}: background thing creation failed.")]
    public static partial void BackgroundCreationFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(3020, LogLevel.Warning, "Reporting the state of {Kind} {Id} to the platform failed.")]
    private static partial void StateReportFailedCore(ILogger logger, Exception exception, string kind, string id);

    public static void StateReportFailed(ILogger logger, Exception exception, string kind, string id) =>
        StateReportFailedCore(logger, exception, kind, LogValue.Escape(id));

    [LoggerMessage(3021, LogLevel.Information, "Connector store ready ({Store}).")]
    public static partial void StoreReady(ILogger logger, string store);

    [LoggerMessage(3022, LogLevel.Warning, "The Data Protection key ring, which encrypts tokens and secret configuration values, is stored unencrypted. For production, set Connctd:KeyRing:Key (environment variable Connctd__KeyRing__Key) or call ProtectKeyRingWithCertificate.")]
    public static partial void KeyRingUnprotected(ILogger logger);

    [LoggerMessage(3023, LogLevel.Information, "The Data Protection key ring is protected with {Protection}.")]
    public static partial void KeyRingProtected(ILogger logger, string protection);

    [LoggerMessage(3024, LogLevel.Information, "Encrypted the PASSWORD configuration values that {Count} stored installations and instances held in clear.")]
    public static partial void StoredSecretsProtected(ILogger logger, int count);

    [LoggerMessage(EventId = 3025, Message = "The SQLite database {DatabasePath} is inside {Directory}, which the host watches for configuration changes: each commit wakes the file watcher, at a cost of about 10 % of the callback throughput. Move the database out of it (Connctd:Sqlite:DatabasePath, for example to a data volume) or set hostBuilder:reloadConfigOnChange to false (environment variable DOTNET_hostBuilder__reloadConfigOnChange=false).")]
    public static partial void SqliteDatabaseWatched(ILogger logger, LogLevel level, string databasePath, string directory);

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
    private static partial void ConfigurationRefusedCore(ILogger logger, string kind, string id, string violations);

    public static void ConfigurationRefused(ILogger logger, string kind, string id, string violations) =>
        ConfigurationRefusedCore(logger, kind, LogValue.Escape(id), LogValue.Escape(violations));

    [LoggerMessage(3006, LogLevel.Warning, "Refused {Method} {Path}: the request could not be read ({Reason}); answered {StatusCode}.")]
    private static partial void RequestUnreadableCore(ILogger logger, string method, string path, string reason, int statusCode);

    public static void RequestUnreadable(ILogger logger, string method, string path, string reason, int statusCode) =>
        RequestUnreadableCore(logger, LogValue.Escape(method), LogValue.Escape(path), LogValue.Escape(reason), statusCode);

    [LoggerMessage(3007, LogLevel.Warning, "Dropped {Method} {Path}: the connection broke while the request body was read ({Reason}).")]
    private static partial void RequestBodyBrokenCore(ILogger logger, string method, string path, string reason);

    public static void RequestBodyBroken(ILogger logger, string method, string path, string reason) =>
        RequestBodyBrokenCore(logger, LogValue.Escape(method), LogValue.Escape(path), LogValue.Escape(reason));
}
