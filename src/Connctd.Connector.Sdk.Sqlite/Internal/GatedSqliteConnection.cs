using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>A connection that releases the store's write gate, once, when it is disposed.</summary>
internal sealed class GatedSqliteConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
{
    private int _released;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release();
        }
    }
}
