using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>Log messages of the PostgreSQL store (event ids 2100–2199). Ids are logged; tokens, configuration values, payloads, keys and connection strings never are.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Applied PostgreSQL schema version {Version} ({Description}) to schema {Schema}")]
    public static partial void SchemaVersionApplied(ILogger logger, int version, string description, string schema);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "PostgreSQL store schema {Schema} is at schema version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "PostgreSQL store schema {Schema} has schema version {FoundVersion}, newer than version {KnownVersion} this package knows")]
    public static partial void SchemaTooNew(ILogger logger, string schema, int foundVersion, int knownVersion);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Instance {InstanceId} not stored: its installation {InstallationId} is not known")]
    public static partial void InstallationMissing(ILogger logger, string instanceId, string installationId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Thing {ExternalId} not stored: its instance {InstanceId} is not known")]
    public static partial void ThingInstanceMissing(ILogger logger, string instanceId, string externalId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Debug, Message = "Action request {ActionRequestId} not stored: its instance {InstanceId} is not known")]
    public static partial void ActionInstanceMissing(ILogger logger, string actionRequestId, string instanceId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Thing id {ThingId} for thing {ExternalId} of instance {InstanceId} is already mapped to another thing")]
    public static partial void ThingIdTaken(ILogger logger, string thingId, string instanceId, string externalId);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Created PostgreSQL schema {Schema}")]
    public static partial void SchemaCreated(ILogger logger, string schema);
}
