using System.Diagnostics.CodeAnalysis;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Returned by <c>AddConnctdConnector</c> to configure the optional parts: the store, the signed-URL mode behind
/// proxies, the resilience of platform calls and background thing creation.
/// </summary>
public sealed class ConnctdConnectorBuilder
{
    internal ConnctdConnectorBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps everything in an embedded SQLite file (the default: <c>connctd-connector.db</c> under the content root).
    /// </summary>
    /// <param name="configure">Changes the file path or other SQLite options.</param>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder UseSqlite(Action<SqliteConnectorStoreOptions>? configure = null)
    {
        if (configure is not null)
        {
            Services.Configure(configure);
        }

        Services.Replace(ServiceDescriptor.Singleton<IConnectorStore>(provider => provider.GetRequiredService<SqliteConnectorStore>()));
        return this;
    }

    /// <summary>Keeps everything in a store of your own, resolved from the service provider as a singleton.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IConnectorStore
    {
        Services.TryAddSingleton<TStore>();
        Services.Replace(ServiceDescriptor.Singleton<IConnectorStore>(provider => provider.GetRequiredService<TStore>()));
        return this;
    }

    /// <summary>Sets how the signed URL is rebuilt behind a reverse proxy.</summary>
    /// <param name="configure">Sets the mode and its settings.</param>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder ConfigureSignedUrl(Action<SignedUrlOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<ConnctdConnectorOptions>(options => configure(options.SignedUrl));
        return this;
    }

    /// <summary>Sets timeouts, retries, rate limit and circuit breaker of calls to the platform.</summary>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder ConfigureResilience(Action<PlatformResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<ConnctdConnectorOptions>(options => configure(options.Resilience));
        return this;
    }

    /// <summary>
    /// Registers the upstream API <paramref name="name"/> that the connector wraps (see
    /// <see cref="UpstreamApiServiceCollectionExtensions.AddConnctdUpstreamApi(IServiceCollection, string, Action{UpstreamApiOptions})"/>):
    /// options from <c>Connctd:Upstream:&lt;name&gt;</c>, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="name">The API's name, used with <see cref="IUpstreamApiClientFactory"/>.</param>
    /// <param name="configure">Sets the options; none when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder AddUpstreamApi(string name, Action<UpstreamApiOptions>? configure = null)
    {
        _ = configure is null ? Services.AddConnctdUpstreamApi(name) : Services.AddConnctdUpstreamApi(name, configure);
        return this;
    }

    /// <summary>
    /// Answers instantiations with <c>202</c> at once and creates the things in the background, reporting COMPLETE or
    /// FAILED through the instance state API (see <see cref="ThingCreationMode.Background"/>).
    /// </summary>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder UseBackgroundThingCreation()
    {
        Services.Configure<ConnctdConnectorOptions>(options => options.ThingCreation = ThingCreationMode.Background);
        return this;
    }
}
