using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>What the <see cref="GroupCommitWriter"/> needs of its store: the dialect's connections and transactions.</summary>
internal interface IWriteTarget
{
    /// <summary>Opens the connection a writer keeps.</summary>
    ValueTask<StoreConnection> OpenWriterAsync();

    /// <summary>Begins a write transaction whose commit will have the durability given.</summary>
    ValueTask<DbTransaction> BeginAsync(StoreConnection connection, WriteDurability durability);

    /// <summary>Commits with the durability asked for.</summary>
    ValueTask CommitAsync(StoreConnection connection, DbTransaction transaction, WriteDurability durability);
}
