using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// Checks the options of a store registered with <c>UsePostgreSql</c>: as the options validator
/// does, except that the connection string may be left out when an <see cref="NpgsqlDataSource"/> is registered.
/// </summary>
internal sealed class PostgreSqlStoreRegistrationValidator(IServiceProviderIsService services) : IValidateOptions<PostgreSqlConnectorStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlConnectorStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool hasDataSource = services.IsService(typeof(NpgsqlDataSource));
        if (!hasDataSource && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "PostgreSqlConnectorStoreOptions.ConnectionString is required unless an NpgsqlDataSource is registered in the application's services: " +
                "pass an Npgsql connection string to UsePostgreSql, or register a data source (for example with .NET Aspire's AddNpgsqlDataSource).");
        }

        return PostgreSqlSettings.TryCreate(options, requireConnectionString: false, out _, out string? error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
    }
}
