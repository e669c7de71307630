using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>
/// An open connection of a relational store with the commands it has run, kept for reuse: a statement is parsed
/// (prepared) once per connection, not once per call. Used by one operation at a time.
/// </summary>
internal sealed class StoreConnection(DbConnection connection, Action<DbCommand> configure) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The provider's connection.</summary>
    public DbConnection Connection { get; } = connection;

    /// <summary>Whether the connection broke and must not be used again.</summary>
    public bool IsBroken { get; set; }

    /// <summary>
    /// The command for a statement, bound to <paramref name="transaction"/>. A command run before keeps the parameters
    /// of its last call, so they can take new values instead of being created again.
    /// </summary>
    public DbCommand Command(string sql, DbTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out DbCommand? command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            configure(command);
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// Replaces the command for a statement with a new one, without parameters, bound to <paramref name="transaction"/>.
    /// Used when the parameters of the last call cannot take the new values: a provider may keep the parameter objects
    /// of a prepared statement (Npgsql does once it prepared the statement), so they are not cleared and replaced on
    /// the same command.
    /// </summary>
    public DbCommand Renew(string sql, DbTransaction? transaction)
    {
        if (_commands.Remove(sql, out DbCommand? old))
        {
            old.Dispose();
        }

        return Command(sql, transaction);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (DbCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
