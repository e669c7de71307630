namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>The store a suite runs against.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in a fresh temporary directory.</summary>
    Sqlite,

    /// <summary>A fresh schema on the test PostgreSQL server, dropped afterwards.</summary>
    PostgreSql,
}
