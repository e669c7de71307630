namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// Which PostgreSQL database and schema <see cref="PostgreSqlConnectorStore"/> uses, and how long a statement may run.
/// Only <see cref="ConnectionString"/> has no default.
/// </summary>
public sealed class PostgreSqlConnectorStoreOptions
{
    /// <summary>The default schema of the store's tables.</summary>
    public const string DefaultSchema = "connctd";

    /// <summary>
    /// An Npgsql connection string, for example <c>Host=db;Database=connector;Username=connector;Password=…</c>.
    /// Pooling, TLS, timeouts and the pool size are set here, as Npgsql documents them. Required, unless the store is
    /// created with an <c>NpgsqlDataSource</c> of its own.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The schema that holds the store's tables; created by the store when missing (which needs the <c>CREATE</c>
    /// privilege on the database once). Lower-case letters, digits and underscores, starting with a letter or an
    /// underscore, at most 63 characters. Several connectors can share one database with a schema each.
    /// Default: <c>connctd</c>.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// How long one statement may run before it is cancelled (Npgsql's command timeout; rounded up to whole seconds).
    /// Must be positive and at most 24 days. Default: 30 seconds.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
