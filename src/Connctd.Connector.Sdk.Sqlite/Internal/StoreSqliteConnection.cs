using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// A connection of the store, which remembers its <c>synchronous</c> setting so the writer changes it only when a
/// batch needs another, with the two settings' statements prepared once.
/// </summary>
internal sealed class StoreSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    private SqliteCommand? _flushCommits;
    private SqliteCommand? _keepCommits;

    /// <summary>Whether commits wait for the disk (<c>synchronous = FULL</c>, as every connection opens) or not (<c>NORMAL</c>).</summary>
    public bool FlushesCommits { get; private set; } = true;

    /// <summary>Sets <c>synchronous</c> to FULL (<paramref name="flush"/>) or NORMAL, unless it is set so; outside a transaction only.</summary>
    public void SetFlushesCommits(bool flush)
    {
        if (FlushesCommits == flush)
        {
            return;
        }

        SqliteCommand setting = flush
            ? _flushCommits ??= SqliteValues.Command(this, "PRAGMA synchronous = FULL;")
            : _keepCommits ??= SqliteValues.Command(this, "PRAGMA synchronous = NORMAL;");
        setting.ExecuteNonQuery();
        FlushesCommits = flush;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _flushCommits?.Dispose();
            _keepCommits?.Dispose();
            _flushCommits = null;
            _keepCommits = null;
        }

        base.Dispose(disposing);
    }
}
