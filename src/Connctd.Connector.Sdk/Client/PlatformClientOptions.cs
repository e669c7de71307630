namespace Connctd.Connector.Sdk.Client;

/// <summary>
/// Options of <see cref="PlatformClient"/>, bound from configuration (for example the <c>Connctd:Platform</c> section)
/// and validated at start-up.
/// </summary>
public sealed class PlatformClientOptions
{
    /// <summary>The platform's public API address.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://connectors.connctd.io/api/v1/");

    /// <summary>
    /// The base address of the platform API; absolute, <c>http</c> or <c>https</c>, without query or fragment.
    /// Default <c>https://connectors.connctd.io/api/v1/</c>. A missing trailing slash is added, so the call paths
    /// (<c>connectorhub/callback/...</c>) are appended to it rather than replacing its last segment.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Timeouts, retries, rate limit and circuit breaker.</summary>
    public PlatformResilienceOptions Resilience { get; set; } = new();

    /// <summary>Configuration values that could not be read, reported by validation at start-up.</summary>
    internal List<string>? BindingErrors { get; set; }

    /// <summary>The configuration section the options were read from, so validation names its keys; <see langword="null"/> when set in code.</summary>
    internal string? ConfigurationPath { get; set; }
}
