namespace Connctd.Connector.Sdk.Client;

/// <summary>The state of the platform client's circuit breaker, for health checks and diagnostics.</summary>
public enum PlatformCircuitState
{
    /// <summary>Normal operation: calls reach the platform.</summary>
    Closed = 0,

    /// <summary>
    /// Too many consecutive failures: calls fail at once with <see cref="PlatformErrorCodes.CircuitOpen"/> without
    /// reaching the platform, until <see cref="PlatformResilienceOptions.CircuitBreakerRecovery"/> has passed.
    /// </summary>
    Open = 1,

    /// <summary>The recovery time has passed; the next call tests whether the platform answers again.</summary>
    HalfOpen = 2,

    /// <summary>The circuit was opened by hand and stays open until closed by hand.</summary>
    Isolated = 3,
}
