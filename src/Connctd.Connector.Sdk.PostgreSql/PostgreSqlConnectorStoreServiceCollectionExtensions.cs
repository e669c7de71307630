using Connctd.Connector.Sdk;
using Connctd.Connector.Sdk.PostgreSql;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store for a connector, so several replicas can share one database.</summary>
public static class PostgreSqlConnectorStoreServiceCollectionExtensions
{
    /// <summary>
    /// Keeps everything in PostgreSQL, so several replicas can share one database: any replica answers any callback and
    /// all deliver the outbox without double delivery. The schema (<c>connctd</c> by default) is created and migrated at
    /// start-up; the options are checked at start-up.
    /// </summary>
    /// <typeparam name="TBuilder">The connector builder.</typeparam>
    /// <param name="builder">The builder <c>AddConnctdConnector</c> returned.</param>
    /// <param name="connectionString">The Npgsql connection string; the store keeps a connection pool of its own.</param>
    /// <param name="configure">Changes the schema name or other options; none when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder UsePostgreSql<TBuilder>(
        this TBuilder builder, string connectionString, Action<PostgreSqlConnectorStoreOptions>? configure = null)
        where TBuilder : IConnctdConnectorBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSql(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Keeps everything in PostgreSQL (see <see cref="UsePostgreSql{TBuilder}(TBuilder, string, Action{PostgreSqlConnectorStoreOptions}?)"/>).
    /// When <see cref="PostgreSqlConnectorStoreOptions.ConnectionString"/> is set, the store keeps a connection pool of
    /// its own; otherwise it uses the <see cref="NpgsqlDataSource"/> registered in the application's services (as
    /// .NET Aspire's <c>AddNpgsqlDataSource</c> registers it) and leaves it open when it is disposed. With neither, the
    /// application stops at start-up with a message that says so.
    /// </summary>
    /// <typeparam name="TBuilder">The connector builder.</typeparam>
    /// <param name="builder">The builder <c>AddConnctdConnector</c> returned.</param>
    /// <param name="configure">Sets the connection string, the schema name or other options; none when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder UsePostgreSql<TBuilder>(this TBuilder builder, Action<PostgreSqlConnectorStoreOptions>? configure = null)
        where TBuilder : IConnctdConnectorBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<PostgreSqlConnectorStoreOptions> options = services.AddOptions<PostgreSqlConnectorStoreOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlConnectorStoreOptions>, PostgreSqlStoreRegistrationValidator>());
        services.TryAddSingleton(provider =>
        {
            PostgreSqlConnectorStoreOptions value = provider.GetRequiredService<IOptions<PostgreSqlConnectorStoreOptions>>().Value;
            ILogger<PostgreSqlConnectorStore>? logger = provider.GetService<ILogger<PostgreSqlConnectorStore>>();
            TimeProvider? time = provider.GetService<TimeProvider>();
            return string.IsNullOrWhiteSpace(value.ConnectionString)
                ? new PostgreSqlConnectorStore(provider.GetRequiredService<NpgsqlDataSource>(), value, logger, time)
                : new PostgreSqlConnectorStore(value, logger, time);
        });
        services.Replace(ServiceDescriptor.Singleton<IConnectorStore>(provider => provider.GetRequiredService<PostgreSqlConnectorStore>()));
        return builder;
    }
}
