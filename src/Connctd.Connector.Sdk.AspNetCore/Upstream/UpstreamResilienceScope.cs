namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Which calls share one resilience pipeline (one circuit breaker, one rate limiter) of an upstream API.
/// </summary>
public enum UpstreamResilienceScope
{
    /// <summary>
    /// One pipeline for every call to the API, whoever makes it: right for one shared cloud API. When its circuit
    /// opens, the dependent things of every instance that uses the API are marked UNAVAILABLE.
    /// </summary>
    Api = 0,

    /// <summary>
    /// One pipeline per installation: right when each installation has its own account, rate limit or endpoint.
    /// An open circuit affects the instances of that installation only.
    /// </summary>
    Installation = 1,

    /// <summary>One pipeline per instance: right when each end customer has their own device, hub or endpoint.</summary>
    Instance = 2,
}
