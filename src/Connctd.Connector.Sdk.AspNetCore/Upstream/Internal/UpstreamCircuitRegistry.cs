using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>
/// Knows the circuit breaker of every upstream pipeline built so far (one per API and partition), for the clients'
/// <see cref="UpstreamApiClient.CircuitState"/> and the health check.
/// </summary>
internal sealed class UpstreamCircuitRegistry
{
    private readonly ConcurrentDictionary<UpstreamCircuitKey, CircuitBreakerStateProvider> _providers = new();

    /// <summary>Creates the state provider for a newly built pipeline and remembers it.</summary>
    public CircuitBreakerStateProvider CreateProvider(UpstreamCircuitKey key)
    {
        var provider = new CircuitBreakerStateProvider();
        _providers[key] = provider;
        return provider;
    }

    /// <summary>The state of one circuit; Closed until its pipeline has been built.</summary>
    public UpstreamCircuitState StateOf(UpstreamCircuitKey key) =>
        _providers.TryGetValue(key, out CircuitBreakerStateProvider? provider) ? Map(provider.CircuitState) : UpstreamCircuitState.Closed;

    /// <summary>Every circuit built so far with its state, ordered by name.</summary>
    public IReadOnlyList<(UpstreamCircuitKey Key, UpstreamCircuitState State)> Snapshot() =>
        _providers.Select(pair => (pair.Key, Map(pair.Value.CircuitState)))
            .OrderBy(entry => entry.Key.ToString(), StringComparer.Ordinal)
            .ToArray();

    private static UpstreamCircuitState Map(CircuitState state) => state switch
    {
        CircuitState.Open => UpstreamCircuitState.Open,
        CircuitState.HalfOpen => UpstreamCircuitState.HalfOpen,
        CircuitState.Isolated => UpstreamCircuitState.Isolated,
        _ => UpstreamCircuitState.Closed,
    };
}
