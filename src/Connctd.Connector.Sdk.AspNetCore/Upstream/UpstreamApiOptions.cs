using Connctd.Connector.Sdk.Client;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Options of one upstream API (the technology a connector wraps), named after it and bound from
/// <c>Connctd:Upstream:&lt;name&gt;</c>, for example
/// <c>{"BaseUrl":"https://api.example.com/v1/","Authentication":{"Kind":"ApiKey","ApiKeyName":"appid","ApiKeyLocation":"Query"},"Resilience":{"MaxRetries":2,"RateLimitPerMinute":60}}</c>.
/// Validated at start-up.
/// </summary>
public sealed class UpstreamApiOptions
{
    /// <summary>The name of the section that holds one child section per upstream API.</summary>
    public const string SectionName = "Connctd:Upstream";

    /// <summary>
    /// The API's base address; absolute http or https, without query or fragment. Request paths are appended to it
    /// (a missing trailing slash is added). Required. Credentials are only ever sent to this scheme, host and port.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How the API authenticates and where the credentials come from.</summary>
    public UpstreamAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>
    /// Timeouts, retries, rate limit and circuit breaker: the same settings as the platform client's, configured
    /// independently. Only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) are retried. Failures that count
    /// towards the circuit are 408, 429 and 5xx answers, timeouts and connection failures; 4xx answers do not. The
    /// circuit opens when at least <see cref="PlatformResilienceOptions.CircuitBreakerThreshold"/> attempts were made
    /// within a sampling window of threshold × <see cref="PlatformResilienceOptions.AttemptTimeout"/> (at least one
    /// second; the platform client's is at least 30 seconds) and every one of them failed.
    /// </summary>
    public PlatformResilienceOptions Resilience { get; set; } = new();

    /// <summary>Which calls share one circuit breaker and rate limiter; <see cref="UpstreamResilienceScope.Api"/> by default.</summary>
    public UpstreamResilienceScope Scope { get; set; } = UpstreamResilienceScope.Api;

    /// <summary>
    /// Whether the things of instances that use this API are marked UNAVAILABLE while its circuit is open and
    /// AVAILABLE again when it closes (through the durable outbox); <see langword="true"/> by default. An instance uses
    /// the API once a client was created for it (<see cref="IUpstreamApiClientFactory"/> with an instance). After a
    /// restart, the first answer the API gives for an instance marks its dependent things AVAILABLE, so a status left
    /// UNAVAILABLE by a stopped process is corrected.
    /// </summary>
    public bool TrackThingAvailability { get; set; } = true;

    /// <summary>
    /// Which of an instance's things depend on this API, by external id; every thing of the instance when
    /// <see langword="null"/> (the default). Set it in code when a connector wraps several APIs.
    /// </summary>
    public Func<string, bool>? DependentThings { get; set; }

    /// <summary>The largest answer read into memory, in bytes; 4 MiB by default.</summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Configuration values that could not be read, reported by validation at start-up.</summary>
    internal List<string>? BindingErrors { get; set; }

    /// <summary>The configuration section the options were read from, so validation names its keys; <see langword="null"/> for the conventional one.</summary>
    internal string? ConfigurationPath { get; set; }
}
