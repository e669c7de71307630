using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>Log messages of the SQLite store (event ids 2000–2099). Ids are logged; tokens, configuration values and keys never are.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Applied SQLite schema version {Version} ({Description}) to {DatabasePath}")]
    public static partial void SchemaVersionApplied(ILogger logger, int version, string description, string databasePath);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "SQLite store {DatabasePath} is at schema version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, string databasePath, int version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "SQLite store {DatabasePath} could not switch to write-ahead logging (journal mode is {JournalMode}); concurrent readers will wait for writers")]
    public static partial void WriteAheadLogUnavailable(ILogger logger, string databasePath, string journalMode);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "SQLite store {DatabasePath} has schema version {FoundVersion}, newer than version {KnownVersion} this package knows")]
    public static partial void SchemaTooNew(ILogger logger, string databasePath, int foundVersion, int knownVersion);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Instance {InstanceId} not stored: its installation {InstallationId} is not known")]
    public static partial void InstallationMissing(ILogger logger, string instanceId, string installationId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Thing {ExternalId} not stored: its instance {InstanceId} is not known")]
    public static partial void ThingInstanceMissing(ILogger logger, string instanceId, string externalId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Action request {ActionRequestId} not stored: its instance {InstanceId} is not known")]
    public static partial void ActionInstanceMissing(ILogger logger, string actionRequestId, string instanceId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Thing id {ThingId} for thing {ExternalId} of instance {InstanceId} is already mapped to another thing")]
    public static partial void ThingIdTaken(ILogger logger, string thingId, string instanceId, string externalId);
}
