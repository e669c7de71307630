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

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Created PostgreSQL schema {Schema}")]
    public static partial void SchemaCreated(ILogger logger, string schema);
}
