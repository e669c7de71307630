namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// Where <see cref="SqliteConnectorStore"/> keeps its database and how long it waits for a busy database.
/// Every property has a working default: without configuration the store uses <c>connctd-connector.db</c>
/// in <see cref="BaseDirectory"/> (the application's content root when hosted).
/// </summary>
public sealed class SqliteConnectorStoreOptions
{
    /// <summary>The default file name of the database.</summary>
    public const string DefaultDatabasePath = "connctd-connector.db";

    /// <summary>
    /// The database file. A relative path is resolved against <see cref="BaseDirectory"/>. The file and its directory are
    /// created when missing. Ignored when <see cref="ConnectionString"/> is set. Default: <c>connctd-connector.db</c>.
    /// </summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath;

    /// <summary>
    /// The directory a relative <see cref="DatabasePath"/> (or a relative data source in <see cref="ConnectionString"/>)
    /// is resolved against. The hosting layer sets it to the application's content root; when null, the current
    /// directory at the time the store is created is used.
    /// </summary>
    public string? BaseDirectory { get; set; }

    /// <summary>
    /// How long an operation waits for another connection or process to release the database before it fails
    /// (SQLite's <c>busy_timeout</c>, also used as the command timeout). Must be positive. Default: 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A complete Microsoft.Data.Sqlite connection string, used instead of <see cref="DatabasePath"/> (for example to
    /// open the file read-write without creating it, or to set a password with an encrypting SQLite build). Its data
    /// source must be a file; a relative one is resolved against <see cref="BaseDirectory"/>. The store's pragmas
    /// (write-ahead log, foreign keys, busy timeout, full synchronous commits) apply on top. Default: null.
    /// </summary>
    public string? ConnectionString { get; set; }
}
