using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// Checks <see cref="SqliteConnectorStoreOptions"/> the way <see cref="SqliteConnectorStore"/> will use them, so a
/// bad path or timeout fails at start-up (with <c>ValidateOnStart</c>) with a message that says what to fix.
/// </summary>
public sealed class SqliteConnectorStoreOptionsValidator : IValidateOptions<SqliteConnectorStoreOptions>
{
    /// <summary>Validates the options.</summary>
    /// <param name="name">The name of the options instance.</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure naming the option to fix; a connection string is never shown.</returns>
    public ValidateOptionsResult Validate(string? name, SqliteConnectorStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SqliteConnectionSettings.TryCreate(options, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
    }
}
