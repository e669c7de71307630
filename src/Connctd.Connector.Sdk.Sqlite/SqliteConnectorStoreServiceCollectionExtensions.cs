using Connctd.Connector.Sdk;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store for a connector (the zero-configuration default of the hosting package).</summary>
public static class SqliteConnectorStoreServiceCollectionExtensions
{
    /// <summary>
    /// Keeps everything in an embedded SQLite file (the default: <c>connctd-connector.db</c> under the content root).
    /// The options are checked at start-up: a bad path or timeout stops the application with a message naming it.
    /// </summary>
    /// <typeparam name="TBuilder">The connector builder.</typeparam>
    /// <param name="builder">The builder <c>AddConnctdConnector</c> returned.</param>
    /// <param name="configure">Changes the file path or other SQLite options; none when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder UseSqlite<TBuilder>(this TBuilder builder, Action<SqliteConnectorStoreOptions>? configure = null)
        where TBuilder : IConnctdConnectorBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.AddConnctdSqliteStore();
        builder.Services.Replace(ServiceDescriptor.Singleton<IConnectorStore>(provider => provider.GetRequiredService<SqliteConnectorStore>()));
        return builder;
    }

    /// <summary>
    /// Registers <see cref="SqliteConnectorStore"/> as a singleton built from <see cref="SqliteConnectorStoreOptions"/>,
    /// with the options validated at start-up (<c>ValidateOnStart</c>), without making it the connector's
    /// <see cref="IConnectorStore"/>. Calling it again adds nothing.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configurationPath">
    /// The configuration section you bind the options from (for example <c>Connctd:Sqlite</c>), so that a failure at
    /// start-up names the key you wrote (<c>Connctd:Sqlite:BusyTimeout</c>); when null, failures name the option's
    /// property (<c>SqliteConnectorStoreOptions.BusyTimeout</c>).
    /// </param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddConnctdSqliteStore(this IServiceCollection services, string? configurationPath = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(SqliteConnectorStore)))
        {
            // Registered already, with its validation (naming the configuration keys of the first registration).
            return services;
        }

        services.AddOptions<SqliteConnectorStoreOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SqliteConnectorStoreOptions>>(new SqliteConnectorStoreOptionsValidator(configurationPath));
        services.TryAddSingleton(provider => new SqliteConnectorStore(
            provider.GetRequiredService<IOptions<SqliteConnectorStoreOptions>>().Value,
            provider.GetService<ILogger<SqliteConnectorStore>>(),
            provider.GetService<TimeProvider>()));
        return services;
    }
}
