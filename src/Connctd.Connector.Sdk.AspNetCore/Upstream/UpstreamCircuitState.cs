namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The state of an upstream API's circuit breaker.</summary>
public enum UpstreamCircuitState
{
    /// <summary>Normal operation: calls reach the API.</summary>
    Closed = 0,

    /// <summary>
    /// Too many consecutive failures: calls fail at once with <see cref="UpstreamErrorCodes.CircuitOpen"/> until the
    /// recovery time has passed; the dependent things are marked UNAVAILABLE.
    /// </summary>
    Open = 1,

    /// <summary>The recovery time has passed; the next call tests whether the API answers again.</summary>
    HalfOpen = 2,

    /// <summary>The circuit was opened by hand and stays open until closed by hand.</summary>
    Isolated = 3,
}
