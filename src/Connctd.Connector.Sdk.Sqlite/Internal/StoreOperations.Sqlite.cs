using System.Data.Common;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Storage.Internal;

// The SQLite dialect of the shared operations: $name parameters, a connection of the store's pool per operation
// (writers through the store's write gate) and SQLite's extended result codes.
/// <param name="store">Opens the connections.</param>
/// <param name="logger">Receives refused writes.</param>
/// <param name="timeProvider">The clock for key ring elements.</param>
internal sealed partial class StoreOperations(SqliteConnectorStore store, ILogger logger, TimeProvider timeProvider)
{
    private const string Prefix = "$";

    private static bool IsForeignKeyViolation(DbException exception) =>
        exception is SqliteException sqlite && SqliteValues.IsForeignKeyViolation(sqlite);

    private static bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException sqlite && SqliteValues.IsUniqueViolation(sqlite);

    private async ValueTask<StoreCommand> OpenReadAsync(string sql, CancellationToken cancellationToken) =>
        new(await store.OpenAsync(cancellationToken).ConfigureAwait(false), sql);

    private async ValueTask<StoreCommand> OpenWriteAsync(string sql, CancellationToken cancellationToken) =>
        new(await store.OpenForWriteAsync(cancellationToken).ConfigureAwait(false), sql);

    private StoreCommand OpenKeyRing(string sql) => new(store.Open(), sql);

    /// <summary>The statements, under the name the shared operations use.</summary>
    private abstract class Sql : SqliteStatements;
}
