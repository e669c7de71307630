using Connctd.Connector.Sdk.Client.Internal;
using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Client;

/// <summary>Registers <see cref="PlatformClient"/> with <c>IHttpClientFactory</c>, validated options and the resilience pipeline.</summary>
public static class PlatformClientServiceCollectionExtensions
{
    /// <summary>The name of the platform's HTTP client (the one <c>AddHttpClient&lt;PlatformClient&gt;()</c> would use).</summary>
    public const string HttpClientName = nameof(PlatformClient);

    /// <summary>Headroom of <see cref="HttpClient.Timeout"/> over the pipeline's total timeout, which should always fire first.</summary>
    private static readonly TimeSpan HttpClientTimeoutMargin = TimeSpan.FromSeconds(5);

    /// <summary>The largest answer the client reads from the platform (its answers are a few hundred bytes).</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    /// <summary>
    /// Registers <see cref="PlatformClient"/> as a typed HTTP client with default <see cref="PlatformClientOptions"/>
    /// (configure them elsewhere with <c>services.Configure&lt;PlatformClientOptions&gt;</c> if needed). Options are
    /// validated at start-up. Calling it again adds nothing but returns the same client's builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder of the platform's HTTP client, to add handlers or configure it further.</returns>
    public static IHttpClientBuilder AddConnctdPlatformClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddCore(services);
    }

    /// <summary>Registers <see cref="PlatformClient"/> and configures its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the platform's HTTP client.</returns>
    public static IHttpClientBuilder AddConnctdPlatformClient(this IServiceCollection services, Action<PlatformClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PlatformClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="PlatformClient"/> and reads its options from a configuration section, for example
    /// <c>{"BaseUrl":"https://connectors.connctd.io/api/v1/","Resilience":{"TotalTimeout":"00:00:30","MaxRetries":3,"RateLimitPerMinute":60}}</c>.
    /// The section is read by the configuration-binding source generator, as every options section of the SDK is:
    /// durations are written as <c>hh:mm:ss</c> (a bare number is read as days, which validation refuses for a
    /// timeout); <c>Backoff</c> is <c>None</c> (or <c>Constant</c>), <c>Linear</c> or <c>Exponential</c>. Values that
    /// cannot be read or are out of range fail validation at start-up, naming the configuration key. The resilience
    /// pipeline is built from the options once; changes take effect after a restart.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section holding <see cref="PlatformClientOptions"/>.</param>
    /// <returns>The builder of the platform's HTTP client.</returns>
    public static IHttpClientBuilder AddConnctdPlatformClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<PlatformClientOptions>().Configure(options =>
        {
            options.ConfigurationPath = section.Path;
            try
            {
                OptionsConfiguration.WithAliases(section, (OptionsConfiguration.BackoffKey, OptionsConfiguration.BackoffAlias)).Bind(options);
            }
            catch (InvalidOperationException exception)
            {
                (options.BindingErrors ??= []).Add(OptionsConfiguration.BindingFailure(exception));
            }
        });
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<PlatformClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformClientOptions>, PlatformClientOptionsRules>());

        bool first = !services.Any(descriptor => descriptor.ServiceType == typeof(PlatformCircuitMonitor));
        services.TryAddSingleton<PlatformCircuitMonitor>();

        IHttpClientBuilder builder = services.AddHttpClient(HttpClientName).AddTypedClient((httpClient, provider) =>
            new PlatformClient(
                httpClient,
                provider.GetRequiredService<IOptions<PlatformClientOptions>>(),
                provider.GetService<ILogger<PlatformClient>>(),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<PlatformCircuitMonitor>(),
                tracksSending: true,
                new Diagnostics.PlatformClientTelemetry(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>())));

        if (first)
        {
            builder.ConfigureHttpClient((provider, httpClient) =>
            {
                PlatformResilienceOptions resilience = provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value.Resilience;
                httpClient.Timeout = resilience.TotalTimeout + HttpClientTimeoutMargin;
                httpClient.MaxResponseContentBufferSize = MaxResponseBytes;
            });
            // The factory's default request logging puts raw header values (the bearer token) into the structured
            // state of its Trace records, even where the formatted message shows them redacted. PlatformClient logs
            // every call itself (operation, status, duration), so the default loggers are removed.
            builder.RemoveAllLoggers();
            builder.AddResilienceHandler(PlatformResiliencePipeline.HandlerName, PlatformResiliencePipeline.Configure);
            builder.AddHttpMessageHandler(() => new PlatformSendMarkerHandler());
        }

        return builder;
    }
}
