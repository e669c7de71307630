using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// Checks <see cref="PostgreSqlConnectorStoreOptions"/> the way <see cref="PostgreSqlConnectorStore"/> will use them, so
/// a missing connection string, a bad schema name or timeout fails at start-up (with <c>ValidateOnStart</c>) with a
/// message that says what to fix. The connection string is never shown: it may hold a password.
/// </summary>
internal sealed class PostgreSqlConnectorStoreOptionsValidator : IValidateOptions<PostgreSqlConnectorStoreOptions>
{
    /// <summary>Validates the options.</summary>
    /// <param name="name">The name of the options instance.</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure naming the option to fix.</returns>
    public ValidateOptionsResult Validate(string? name, PostgreSqlConnectorStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PostgreSqlSettings.TryCreate(options, requireConnectionString: true, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
    }
}
