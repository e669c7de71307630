using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// Checks <see cref="SqliteConnectorStoreOptions"/> the way <see cref="SqliteConnectorStore"/> will use them, so a
/// bad path or timeout fails at start-up (with <c>ValidateOnStart</c>) with a message that says what to fix.
/// </summary>
/// <param name="configurationPath">
/// The configuration section the options are bound from (<c>Connctd:Sqlite</c>): failures then name its keys
/// (<c>Connctd:Sqlite:BusyTimeout</c>); by property (<c>SqliteConnectorStoreOptions.BusyTimeout</c>) when null.
/// </param>
internal sealed class SqliteConnectorStoreOptionsValidator(string? configurationPath = null) : IValidateOptions<SqliteConnectorStoreOptions>
{
    private const string PropertyPrefix = nameof(SqliteConnectorStoreOptions) + ".";

    public ValidateOptionsResult Validate(string? name, SqliteConnectorStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (SqliteConnectionSettings.TryCreate(options, out _, out var error))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(configurationPath is null
            ? error
            : error.Replace(PropertyPrefix, configurationPath + ":", StringComparison.Ordinal));
    }
}
