using Connctd.Connector.Sdk.PostgreSql;
using Npgsql;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>A command of the shared operations, bound to the store's data source.</summary>
internal readonly struct StoreCommand(NpgsqlCommand command) : IDisposable
{
    public NpgsqlCommand Command { get; } = command;

    public StoreCommand With(string name, string? value)
    {
        Command.With(name, value);
        return this;
    }

    public StoreCommand With(string name, int value)
    {
        Command.With(name, value);
        return this;
    }

    public StoreCommand With(string name, long value)
    {
        Command.With(name, value);
        return this;
    }

    public StoreCommand With(string name, DateTimeOffset value)
    {
        Command.With(name, value);
        return this;
    }

    public void Dispose() => Command.Dispose();
}
