using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>The Data Protection key ring (<see cref="IKeyRingStore"/>), which Data Protection reads and writes synchronously.</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    public IReadOnlyList<string> GetKeyElements()
    {
        ThrowIfDisposed();
        _initialization.EnsureInitialized();
        using DbConnection connection = OpenConnection();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = Statements.ListKeyElements;
        ConfigureCommand(command);
        using DbDataReader reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    /// <inheritdoc />
    /// <remarks>Goes through the store's writer like every write; a replaced element keeps its place in the order of <see cref="GetKeyElements"/>.</remarks>
    public void StoreKeyElement(string friendlyName, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ArgumentNullException.ThrowIfNull(xml);
        ThrowIfDisposed();
        _initialization.EnsureInitialized();
        ExecuteAsync(
            Statements.UpsertKeyElement,
            CancellationToken.None,
            ("friendlyName", friendlyName),
            ("xml", xml),
            ("createdAt", TimeProvider.GetUtcNow())).GetAwaiter().GetResult();
    }
}
