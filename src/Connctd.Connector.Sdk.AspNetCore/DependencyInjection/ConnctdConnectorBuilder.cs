using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Returned by <c>AddConnctdConnector</c> to configure the optional parts: the store, the signed-URL mode behind
/// proxies, the resilience of platform calls and background thing creation.
/// </summary>
/// <remarks>
/// SQLite is the store unless another is chosen. The store packages add their own methods to the builder:
/// <c>UseSqlite</c> (Connctd.Connector.Sdk.Sqlite, referenced by this package) and <c>UsePostgreSql</c>
/// (Connctd.Connector.Sdk.PostgreSql, referenced only by connectors that use it).
/// </remarks>
public sealed class ConnctdConnectorBuilder : IConnctdConnectorBuilder
{
    internal ConnctdConnectorBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

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

    /// <summary>
    /// Protects the Data Protection key ring (which encrypts tokens and secret configuration values) with a certificate:
    /// each key is encrypted with its public key where it is stored, and read with its private key (Data Protection's
    /// <c>ProtectKeysWithCertificate</c>). Every process on the store needs the same certificate; one without it, or
    /// with another, refuses to start. The alternative is <c>Connctd:KeyRing:Key</c>; set one of them, not both.
    /// </summary>
    /// <param name="certificate">The certificate, with its private key.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public ConnctdConnectorBuilder ProtectKeyRingWithCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate that protects the key ring must have its private key, to read the keys.", nameof(certificate));
        }

        Services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        Services.AddSingleton(new KeyRingCertificate(certificate));
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
    /// Declares the connector's configuration parameters (installation) and customer configuration parameters
    /// (instance). Incoming configuration is checked against it before any hook runs: a missing required value, a value
    /// that does not parse as its type or does not match its validation expression is refused with <c>403 FORBIDDEN</c>
    /// naming the parameters. The same declaration produces the publication manifest (<see cref="ConnectorConfigurationSchema.ToManifest"/>).
    /// </summary>
    /// <param name="schema">The declaration.</param>
    /// <returns>This builder.</returns>
    public ConnctdConnectorBuilder UseConfigurationSchema(ConnectorConfigurationSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Services.Replace(ServiceDescriptor.Singleton(schema));
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
