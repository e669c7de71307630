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
}
