using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>A command of the shared operations with the connection it runs on; disposing it closes both.</summary>
internal readonly struct StoreCommand : IDisposable
{
    private readonly SqliteConnection _connection;

    public StoreCommand(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Command = SqliteValues.Command(connection, sql);
    }

    public SqliteCommand Command { get; }

    /// <summary>Disposes the command, then the connection (which releases the write gate, if it holds it).</summary>
    public void Dispose()
    {
        Command.Dispose();
        _connection.Dispose();
    }
}
