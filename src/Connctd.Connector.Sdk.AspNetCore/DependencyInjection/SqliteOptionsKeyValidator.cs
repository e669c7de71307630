using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Checks the SQLite store's options as <see cref="SqliteConnectorStoreOptionsValidator"/> does, naming each setting by
/// the configuration key it is read from (<c>Connctd:Sqlite:BusyTimeout</c>) rather than by its property.
/// </summary>
/// <param name="sectionPath">The configuration section the options are read from, for example <c>Connctd:Sqlite</c>.</param>
internal sealed class SqliteOptionsKeyValidator(string sectionPath) : IValidateOptions<SqliteConnectorStoreOptions>
{
    private const string PropertyPrefix = nameof(SqliteConnectorStoreOptions) + ".";

    private readonly SqliteConnectorStoreOptionsValidator _inner = new();

    public ValidateOptionsResult Validate(string? name, SqliteConnectorStoreOptions options)
    {
        ValidateOptionsResult result = _inner.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures.Select(failure => failure.Replace(PropertyPrefix, sectionPath + ":", StringComparison.Ordinal)))
            : result;
    }
}
