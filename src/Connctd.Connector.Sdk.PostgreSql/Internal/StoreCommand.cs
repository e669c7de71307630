using Npgsql;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>A command of the shared operations, bound to the store's data source (it takes a pooled connection for each run).</summary>
internal readonly struct StoreCommand(NpgsqlCommand command) : IDisposable
{
    public NpgsqlCommand Command { get; } = command;

    public void Dispose() => Command.Dispose();
}
