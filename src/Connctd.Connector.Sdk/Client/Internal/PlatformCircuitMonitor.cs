using Polly.CircuitBreaker;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// Holds the state provider of the platform client's circuit breaker (one per service provider), so
/// <see cref="PlatformClient.CircuitState"/> can report it. Closed until the pipeline has been built.
/// </summary>
internal sealed class PlatformCircuitMonitor
{
    private volatile CircuitBreakerStateProvider? _provider;

    public PlatformCircuitState State => _provider switch
    {
        null => PlatformCircuitState.Closed,
        { } provider => provider.CircuitState switch
        {
            CircuitState.Open => PlatformCircuitState.Open,
            CircuitState.HalfOpen => PlatformCircuitState.HalfOpen,
            CircuitState.Isolated => PlatformCircuitState.Isolated,
            _ => PlatformCircuitState.Closed,
        },
    };

    /// <summary>Creates the state provider for a newly built pipeline and remembers it.</summary>
    public CircuitBreakerStateProvider CreateProvider()
    {
        var provider = new CircuitBreakerStateProvider();
        _provider = provider;
        return provider;
    }
}
