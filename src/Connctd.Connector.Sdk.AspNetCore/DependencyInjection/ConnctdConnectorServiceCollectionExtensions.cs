using System.Diagnostics.CodeAnalysis;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.AspNetCore.Endpoints;
using Connctd.Connector.Sdk.AspNetCore.Outbox;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.AspNetCore.Sync;
using Connctd.Connector.Sdk.AspNetCore.Upgrade;
using Connctd.Connector.Sdk.AspNetCore.Verification;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Http;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a connctd connector.</summary>
public static class ConnctdConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connector <typeparamref name="TConnector"/> with options bound from the configuration section
    /// <c>Connctd</c> (keys <c>PublicKey</c> or <c>PublicKeys</c>, <c>PlatformUrl</c>, …). Options are validated at start-up.
    /// </summary>
    /// <typeparam name="TConnector">Your connector, derived from <see cref="Connector"/>; resolved per callback.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <returns>A builder for the optional parts.</returns>
    public static ConnctdConnectorBuilder AddConnctdConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConnector>(this IServiceCollection services)
        where TConnector : Connector
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ConnctdConnectorOptions>().Configure<IConfiguration>((options, configuration) =>
            BindConnectorOptions(configuration.GetSection(ConnctdConnectorOptions.SectionName), options));
        services.AddSingleton<IOptionsChangeTokenSource<ConnctdConnectorOptions>>(provider =>
            new ConfigurationChangeTokenSource<ConnctdConnectorOptions>(Options.Options.DefaultName, provider.GetRequiredService<IConfiguration>()));
        return AddCore<TConnector>(services);
    }

    /// <summary>Registers the connector <typeparamref name="TConnector"/> with options set in code.</summary>
    /// <typeparam name="TConnector">Your connector, derived from <see cref="Connector"/>; resolved per callback.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options (at least a public key).</param>
    /// <returns>A builder for the optional parts.</returns>
    public static ConnctdConnectorBuilder AddConnctdConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConnector>(this IServiceCollection services, Action<ConnctdConnectorOptions> configure)
        where TConnector : Connector
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConnctdConnectorOptions>().Configure(configure);
        return AddCore<TConnector>(services);
    }

    /// <summary>
    /// Registers the connector <typeparamref name="TConnector"/> with options bound from <paramref name="section"/>,
    /// conventionally <c>builder.Configuration.GetSection("Connctd")</c>; reloads of the section take effect (key rotation).
    /// </summary>
    /// <typeparam name="TConnector">Your connector, derived from <see cref="Connector"/>; resolved per callback.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>A builder for the optional parts.</returns>
    public static ConnctdConnectorBuilder AddConnctdConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConnector>(this IServiceCollection services, IConfigurationSection section)
        where TConnector : Connector
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<ConnctdConnectorOptions>().Configure(options => BindConnectorOptions(section, options));
        services.AddSingleton<IOptionsChangeTokenSource<ConnctdConnectorOptions>>(
            new ConfigurationChangeTokenSource<ConnctdConnectorOptions>(Options.Options.DefaultName, section));
        IConfigurationSection sqlite = section.GetSection("Sqlite");
        services.AddOptions<SqliteConnectorStoreOptions>().Bind(sqlite);
        // The SQLite options come from Connctd:Sqlite: their failures at start-up name those keys.
        services.AddConnctdSqliteStore(sqlite.Path);
        ConnctdConnectorBuilder builder = AddCore<TConnector>(services);
        return builder;
    }

    /// <summary>
    /// Reads the connector's options with the configuration-binding source generator, as every options section of the
    /// SDK is read (<c>Backoff</c> <c>None</c> kept as another name for <c>Constant</c>); a value the binder cannot
    /// convert is reported at start-up with its key.
    /// </summary>
    private static void BindConnectorOptions(IConfigurationSection section, ConnctdConnectorOptions options)
    {
        try
        {
            OptionsConfiguration.WithAliases(section, (OptionsConfiguration.BackoffKey, OptionsConfiguration.BackoffAlias)).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            (options.BindingErrors ??= []).Add(OptionsConfiguration.BindingFailure(exception));
        }
    }

    private static ConnctdConnectorBuilder AddCore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConnector>(IServiceCollection services)
        where TConnector : Connector
    {
        services.AddOptions<ConnctdConnectorOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnctdConnectorOptions>, ConnctdConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnctdConnectorMarker>();
        services.TryAddSingleton(ConnectorConfigurationSchema.Empty);

        services.AddScoped<TConnector>();
        services.Replace(ServiceDescriptor.Scoped<Connector>(provider => provider.GetRequiredService<TConnector>()));

        // The platform client follows the connector's options: PlatformUrl and Resilience.
        services.AddConnctdPlatformClient();

        // The connector's validator checks the platform URL and the resilience settings under the keys the author wrote
        // (Connctd:PlatformUrl, Connctd:Resilience:…); the platform client's own checks of the same values would name
        // them by the client's properties, so they are removed and each problem is reported once.
        foreach (ServiceDescriptor validator in services
            .Where(descriptor => descriptor.ServiceType == typeof(IValidateOptions<PlatformClientOptions>) &&
                descriptor.ImplementationType?.Assembly == typeof(PlatformClientOptions).Assembly)
            .ToList())
        {
            services.Remove(validator);
        }
        services.AddOptions<PlatformClientOptions>().Configure<IOptions<ConnctdConnectorOptions>>((client, connector) =>
        {
            client.BaseUrl = connector.Value.PlatformUrl;
            client.Resilience = connector.Value.Resilience;
        });

        // Store: SQLite under the content root unless the application picks another.
        services.AddOptions<SqliteConnectorStoreOptions>().PostConfigure<IHostEnvironment>((sqlite, environment) => sqlite.BaseDirectory ??= environment.ContentRootPath);
        services.AddConnctdSqliteStore();
        services.TryAddSingleton<IConnectorStore>(provider => provider.GetRequiredService<SqliteConnectorStore>());

        // Tokens are encrypted with Data Protection; its key ring lives in the store unless the application chose otherwise,
        // and then every host on the store reads the tokens, whatever its content root.
        services.AddDataProtection();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, ConfigureKeyRingInStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, ConfigureKeyRingProtection>());
        services.TryAddSingleton<KeyRingProtection>();

        // The key ring check runs first of every hosted service, before Data Protection's own start-up reads the key ring.
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(KeyRingCheck)))
        {
            services.AddSingleton<KeyRingCheck>();
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(provider => provider.GetRequiredService<KeyRingCheck>()));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<DataProtectionOptions>, PinApplicationDiscriminator>());
        services.TryAddSingleton<TokenProtector>();
        services.TryAddSingleton<ConfigurationProtector>();

        services.TryAddSingleton<CallbackVerifier>();
        services.TryAddSingleton<CallbackPipeline>();
        services.TryAddSingleton(provider => new ConnctdCallbackHandler(
            provider.GetRequiredService<CallbackPipeline>(), provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<ILogger<ConnctdCallbackHandler>>()));
        services.TryAddSingleton<ConnectorRuntime>();
        services.TryAddSingleton<ThingCreator>();
        services.TryAddSingleton<ThingCreationQueue>();
        services.TryAddSingleton<InstanceCompletion>();
        services.TryAddSingleton<IConnectorPlatform, ConnectorPlatform>();
        services.AddMetrics();
        services.TryAddSingleton<ConnctdMetrics>();
        services.TryAddSingleton<ConnectorOutbox>();
        services.TryAddSingleton<OutboxDelivery>();
        services.TryAddSingleton<IOutboxDrainer, OutboxDrainer>();
        services.TryAddSingleton<IThingSynchronizer, ThingSynchronizer>();
        services.TryAddSingleton<UpgradeMonitor>();
        services.TryAddSingleton<IConnectorUpgrader, ConnectorUpgrader>();

        // The store is ready before the server takes callbacks; then unfinished background creation resumes.
        services.AddHostedService<ConnectorStartup>();
        services.AddHostedService<StoredSecretsProtection>();
        services.AddHostedService<SqliteLocationCheck>();
        services.AddHostedService<ThingCreationWorker>();
        services.AddHostedService<OutboxDeliveryWorker>();
        services.AddHostedService<OutboxMonitor>();
        services.AddHostedService<UpgradeRunner>();
        services.AddHostedService<ThingSyncStartup>();
        return new ConnctdConnectorBuilder(services);
    }
}
