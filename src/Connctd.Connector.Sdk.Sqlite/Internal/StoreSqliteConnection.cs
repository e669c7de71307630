using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>A connection of the store, which remembers its <c>synchronous</c> setting so the writer changes it only when a batch needs another.</summary>
internal sealed class StoreSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Whether commits wait for the disk (<c>synchronous = FULL</c>, as every connection opens) or not (<c>NORMAL</c>).</summary>
    public bool FlushesCommits { get; set; } = true;
}
