using System.Data.Common;
using Connctd.Connector.Sdk.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connctd.Connector.Sdk.Storage.Internal;

// The PostgreSQL dialect of the shared operations: @name parameters (named without the @), commands of the store's
// data source (each takes a pooled connection for its run) and PostgreSQL's SQLSTATE codes.
/// <param name="store">Prepares the schema and creates the commands.</param>
/// <param name="logger">Receives refused writes.</param>
/// <param name="timeProvider">The clock for key ring elements.</param>
internal sealed partial class StoreOperations(PostgreSqlConnectorStore store, ILogger logger, TimeProvider timeProvider)
{
    private const string Prefix = "";

    /// <summary>The statements, with the store's schema.</summary>
    private PostgreSqlStatements Sql => store.Statements;

    private static bool IsForeignKeyViolation(DbException exception) =>
        exception is PostgresException postgres && PostgreSqlValues.IsForeignKeyViolation(postgres);

    private static bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException postgres && PostgreSqlValues.IsUniqueViolation(postgres);

    private async ValueTask<StoreCommand> OpenReadAsync(string sql, CancellationToken cancellationToken)
    {
        await store.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return new StoreCommand(store.Command(sql));
    }

    /// <summary>The same as <see cref="OpenReadAsync"/>: PostgreSQL lets writers run side by side.</summary>
    private ValueTask<StoreCommand> OpenWriteAsync(string sql, CancellationToken cancellationToken) =>
        OpenReadAsync(sql, cancellationToken);

    private StoreCommand OpenKeyRing(string sql)
    {
        store.EnsureReady();
        return new StoreCommand(store.Command(sql));
    }
}
