using Connctd.Connector.Sdk.Management.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// Registers <see cref="ManagementClient"/> with <c>IHttpClientFactory</c>, validated options and token providers
/// chosen from the options: a configured developer login (or token) gives the developer tokens, a configured OAuth2
/// client (or token) the service tokens. To use a provider of your own, register it as a keyed singleton
/// <c>services.AddKeyedSingleton&lt;ManagementTokenProvider&gt;(ManagementTokenKind.Developer, …)</c> before calling
/// these methods.
/// </summary>
public static class ManagementServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client of GraphQL calls.</summary>
    public const string HttpClientName = "Connctd.Management";

    /// <summary>The name of the HTTP client of token requests (login and client credentials).</summary>
    public const string TokenHttpClientName = "Connctd.Management.Tokens";

    /// <summary>The largest answer read from the API.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>Registers <see cref="ManagementClient"/> with options configured elsewhere (<c>services.Configure&lt;ManagementClientOptions&gt;</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder of the GraphQL HTTP client, to add handlers or configure it further.</returns>
    public static IHttpClientBuilder AddConnctdManagementClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddCore(services);
    }

    /// <summary>Registers <see cref="ManagementClient"/> and configures its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the GraphQL HTTP client.</returns>
    public static IHttpClientBuilder AddConnctdManagementClient(this IServiceCollection services, Action<ManagementClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ManagementClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="ManagementClient"/> and binds its options to a configuration section, for example
    /// <c>{"Developer":{"Email":"me@example.com"},"Service":{"ClientId":"app-1","Scopes":["connectors"]},"Timeout":"00:00:30"}</c>
    /// with the password and client secret from user secrets or environment variables
    /// (<c>Connctd__Management__Developer__Password</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section holding <see cref="ManagementClientOptions"/>.</param>
    /// <returns>The builder of the GraphQL HTTP client.</returns>
    public static IHttpClientBuilder AddConnctdManagementClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<ManagementClientOptions>().Bind(section);
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<ManagementClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ManagementClientOptions>, ManagementClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ManagementClientOptions>, ManagementClientOptionsRules>());

        // Both clients: the factory's default request logging would put the raw Authorization header (bearer token,
        // Basic client credentials) into the structured state of its records, so it is removed; the client and the
        // token providers log every call themselves, without headers.
        services.AddHttpClient(TokenHttpClientName)
            .ConfigureHttpClient((provider, httpClient) => Configure(provider, httpClient))
            .RemoveAllLoggers();

        services.TryAddKeyedSingleton<ManagementTokenProvider>(ManagementTokenKind.Developer, (provider, _) => CreateDeveloperTokens(provider)!);
        services.TryAddKeyedSingleton<ManagementTokenProvider>(ManagementTokenKind.Service, (provider, _) => CreateServiceTokens(provider)!);

        return services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient((provider, httpClient) => Configure(provider, httpClient))
            .RemoveAllLoggers()
            .AddTypedClient((httpClient, provider) => new ManagementClient(
                httpClient,
                provider.GetRequiredService<IOptions<ManagementClientOptions>>(),
                provider.GetKeyedService<ManagementTokenProvider>(ManagementTokenKind.Developer),
                provider.GetKeyedService<ManagementTokenProvider>(ManagementTokenKind.Service),
                provider.GetService<ILogger<ManagementClient>>(),
                provider.GetService<TimeProvider>()));
    }

    private static void Configure(IServiceProvider provider, HttpClient httpClient)
    {
        httpClient.Timeout = provider.GetRequiredService<IOptions<ManagementClientOptions>>().Value.Timeout;
        httpClient.MaxResponseContentBufferSize = MaxResponseBytes;
    }

    private static ManagementTokenProvider? CreateDeveloperTokens(IServiceProvider provider)
    {
        ManagementClientOptions options = provider.GetRequiredService<IOptions<ManagementClientOptions>>().Value;
        if (!string.IsNullOrEmpty(options.Developer.Token))
        {
            return new StaticManagementTokenProvider(options.Developer.Token);
        }

        if (!options.Developer.IsConfigured)
        {
            return null;
        }

        IHttpClientFactory factory = provider.GetRequiredService<IHttpClientFactory>();
        return new DeveloperLoginTokenProvider(
            () => factory.CreateClient(TokenHttpClientName),
            options,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<DeveloperLoginTokenProvider>>());
    }

    private static ManagementTokenProvider? CreateServiceTokens(IServiceProvider provider)
    {
        ManagementClientOptions options = provider.GetRequiredService<IOptions<ManagementClientOptions>>().Value;
        if (!string.IsNullOrEmpty(options.Service.Token))
        {
            return new StaticManagementTokenProvider(options.Service.Token);
        }

        if (!options.Service.IsConfigured)
        {
            return null;
        }

        IHttpClientFactory factory = provider.GetRequiredService<IHttpClientFactory>();
        return new ClientCredentialsTokenProvider(
            () => factory.CreateClient(TokenHttpClientName),
            options,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<ClientCredentialsTokenProvider>>());
    }
}
