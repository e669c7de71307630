using System.Text.RegularExpressions;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.AspNetCore.Upstream;
using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers upstream APIs: the technology a connector wraps, called with each tenant's own credentials.</summary>
public static partial class UpstreamApiServiceCollectionExtensions
{
    /// <summary>Headroom of <see cref="HttpClient.Timeout"/> over the pipeline's total timeout, which should always fire first.</summary>
    private static readonly TimeSpan HttpClientTimeoutMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The shortest sampling window of an upstream circuit breaker. Shorter than the platform's 30 seconds, so that a
    /// connector polling an API often opens the circuit soon after the API fails rather than once its last success
    /// has left a 30-second window.
    /// </summary>
    private static readonly TimeSpan MinimumSamplingWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Registers the upstream API <paramref name="name"/> with options read from the application's configuration
    /// section <c>Connctd:Upstream:&lt;name&gt;</c> (see <see cref="UpstreamApiOptions"/>). Options are validated at start-up.
    /// Create clients with <see cref="IUpstreamApiClientFactory"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The API's name: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <returns>The builder of the API's HTTP client, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddConnctdUpstreamApi(this IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        CheckName(name);
        BindFromAppConfiguration(services, name);
        return AddCore(services, name);
    }

    /// <summary>
    /// Registers the upstream API <paramref name="name"/>; its options are read from <c>Connctd:Upstream:&lt;name&gt;</c>
    /// when that section exists, then <paramref name="configure"/> runs (set <see cref="UpstreamApiOptions.DependentThings"/> here).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The API's name: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the API's HTTP client.</returns>
    public static IHttpClientBuilder AddConnctdUpstreamApi(this IServiceCollection services, string name, Action<UpstreamApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        CheckName(name);
        BindFromAppConfiguration(services, name);
        services.AddOptions<UpstreamApiOptions>(name).Configure(configure);
        return AddCore(services, name);
    }

    /// <summary>
    /// Registers the upstream API <paramref name="name"/> with options read from <paramref name="section"/>, for example
    /// <c>{"BaseUrl":"https://api.example.com/","Authentication":{"Kind":"BearerToken","TokenFrom":"token"},"Resilience":{"MaxRetries":2}}</c>.
    /// The section is read as <c>Connctd:Upstream:&lt;name&gt;</c> is: durations are written as <c>hh:mm:ss</c>; values
    /// that cannot be read or are out of range fail validation at start-up, naming the key.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The API's name: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="section">The configuration section holding <see cref="UpstreamApiOptions"/>.</param>
    /// <returns>The builder of the API's HTTP client.</returns>
    public static IHttpClientBuilder AddConnctdUpstreamApi(this IServiceCollection services, string name, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        CheckName(name);
        services.AddOptions<UpstreamApiOptions>(name).Configure(options => Bind(section, options));
        return AddCore(services, name);
    }

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ApiName().IsMatch(name))
        {
            throw new ArgumentException($"The upstream API name '{name}' may only hold letters, digits, '-', '_' and '.'.", nameof(name));
        }
    }

    private static void BindFromAppConfiguration(IServiceCollection services, string name) =>
        services.AddOptions<UpstreamApiOptions>(name).Configure<IServiceProvider>((options, provider) =>
        {
            if (provider.GetService<IConfiguration>() is { } configuration)
            {
                IConfigurationSection section = configuration.GetSection($"{UpstreamApiOptions.SectionName}:{name}");
                if (section.Exists())
                {
                    Bind(section, options);
                }
            }
        });

    /// <summary>
    /// Reads the options with the configuration-binding source generator, as every options section of the SDK is read,
    /// after rewriting the aliases kept for the connector template's spellings (<c>api_key</c>, <c>oauth2</c>,
    /// <c>bearer</c>; <c>Backoff</c> <c>None</c>). A value the binder cannot convert is reported at start-up with its key.
    /// </summary>
    private static void Bind(IConfigurationSection section, UpstreamApiOptions options)
    {
        options.ConfigurationPath = section.Path;
        try
        {
            OptionsConfiguration.WithAliases(
                section,
                (KindKey, KindAlias),
                (OptionsConfiguration.BackoffKey, OptionsConfiguration.BackoffAlias)).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            (options.BindingErrors ??= []).Add(OptionsConfiguration.BindingFailure(exception));
        }
    }

    private const string KindKey = "Authentication:Kind";

    /// <summary>The connector template's spellings of the authentication kinds.</summary>
    private static string? KindAlias(string value) => value.ToUpperInvariant() switch
    {
        "API_KEY" => nameof(UpstreamAuthenticationKind.ApiKey),
        "OAUTH2" or "OAUTH2_CLIENT_CREDENTIALS" => nameof(UpstreamAuthenticationKind.OAuth2ClientCredentials),
        "BEARER" or "BEARER_TOKEN" => nameof(UpstreamAuthenticationKind.BearerToken),
        _ => null,
    };

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name)
    {
        string clientName = UpstreamApiClientFactory.HttpClientName(name);
        bool first = !services.Any(descriptor => descriptor.ServiceType == typeof(UpstreamApiRegistration) &&
            descriptor.ImplementationInstance is UpstreamApiRegistration registration && registration.Name == name);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpstreamCircuitRegistry>();
        services.TryAddSingleton<UpstreamAvailabilityTracker>();
        services.TryAddSingleton<UpstreamTokenCache>();
        services.TryAddSingleton<IUpstreamApiClientFactory, UpstreamApiClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UpstreamAvailabilityWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpstreamApiOptions>, UpstreamApiOptionsRules>());
        services.AddOptions<UpstreamApiOptions>(name).ValidateOnStart();

        IHttpClientBuilder builder = services.AddHttpClient(clientName);
        if (!first)
        {
            return builder;
        }

        services.AddSingleton(new UpstreamApiRegistration(name));
        services.Configure<UpstreamApiNames>(names => names.Names.Add(name));

        builder.ConfigureHttpClient((provider, httpClient) =>
        {
            UpstreamApiOptions options = provider.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get(name);
            httpClient.Timeout = options.Resilience.TotalTimeout + HttpClientTimeoutMargin;
            httpClient.MaxResponseContentBufferSize = options.MaxResponseBytes;
        });

        // The factory's default request logging puts raw header values (API keys, Basic and bearer credentials) into
        // the structured state of its Trace records; the client logs every call itself, without them.
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler(clientName, (pipeline, context) => ConfigurePipeline(name, pipeline, context))
            .SelectPipelineBy(_ => UpstreamRequestKeys.PartitionOf);
        builder.AddHttpMessageHandler(provider => new UpstreamAuthenticationHandler(provider.GetRequiredService<UpstreamTokenCache>()));

        services.AddHttpClient(UpstreamTokenCache.TokenClientName(name))
            .ConfigureHttpClient((provider, httpClient) =>
                httpClient.Timeout = provider.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get(name).Resilience.AttemptTimeout)
            .RemoveAllLoggers();
        return builder;
    }

    private static void ConfigurePipeline(string name, Polly.ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        IServiceProvider services = context.ServiceProvider;
        UpstreamApiOptions options = services.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get(name);
        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<UpstreamApiClient>() ?? NullLogger.Instance;
        UpstreamCircuitRegistry circuits = services.GetRequiredService<UpstreamCircuitRegistry>();
        UpstreamAvailabilityTracker tracker = services.GetRequiredService<UpstreamAvailabilityTracker>();
        var key = new UpstreamCircuitKey(name, context.InstanceName);
        string circuit = key.ToString();

        HttpResiliencePipeline.Build(pipeline, options.Resilience, time, context.OnPipelineDisposed, new HttpResilienceHooks
        {
            MayRetry = request => request is not null && UpstreamRequestKeys.IsIdempotent(request.Method),
            OperationOf = request => request?.Method.Method ?? "unknown",
            StateProvider = circuits.CreateProvider(key),
            MinimumSamplingWindow = MinimumSamplingWindow,
            Retrying = (method, retry, delay, outcome) =>
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    Log.UpstreamCallRetrying(logger, name, method, retry, (long)delay.TotalMilliseconds, outcome);
                }
            },
            RetryAfterBeyondBudget = (method, status, retryAfter, remaining) =>
                Log.UpstreamRetryAfterBeyondBudget(logger, name, method, status, (long)retryAfter.TotalMilliseconds, (long)remaining.TotalMilliseconds),
            Opened = (breakDuration, outcome) =>
            {
                Log.UpstreamCircuitOpened(logger, circuit, (long)breakDuration.TotalMilliseconds, outcome);
                tracker.Opened(key);
            },
            HalfOpened = () => Log.UpstreamCircuitHalfOpened(logger, circuit),
            Closed = () =>
            {
                Log.UpstreamCircuitClosed(logger, circuit);
                tracker.Closed(key);
            },
        });
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiName();

    /// <summary>Marks an API as registered, so registering it again adds nothing.</summary>
    private sealed record UpstreamApiRegistration(string Name);
}
