namespace Connctd.Connector.Sdk.Client;

/// <summary>
/// How <see cref="PlatformClient"/> copes with a slow or failing platform: timeouts, retries, a client-side rate
/// limit and a circuit breaker. The settings and defaults follow the resilience tab of the connector template
/// (seed 003). The pipeline is built from these values the first time the client is used; changes made afterwards
/// take effect after a restart.
/// </summary>
/// <remarks>
/// Order of the strategies, outermost first: total timeout → rate limiter → retry → circuit breaker → attempt
/// timeout. Only calls that are harmless to repeat are retried (every PUT and DELETE and the two state updates);
/// create-thing is never retried, so a thing is never created twice.
/// </remarks>
public sealed class PlatformResilienceOptions
{
    /// <summary>
    /// How long one attempt may take before it is abandoned (and retried, where retrying is allowed). Default
    /// 10 seconds; between 10 milliseconds and one day.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a call may take in all, including waiting for the rate limiter, every attempt and the delays between
    /// them. Default 30 seconds; between 10 milliseconds and one day, and not be shorter than <see cref="AttemptTimeout"/>.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a failed call is repeated (0 turns retries off). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry; <see cref="Backoff"/> says how it grows. Default 1 second; at most one day.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How the delay grows from retry to retry. Default <see cref="RetryBackoff.Exponential"/>. In configuration,
    /// <c>None</c> is another name for <see cref="RetryBackoff.Constant"/>.
    /// </summary>
    public RetryBackoff Backoff { get; set; } = RetryBackoff.Exponential;

    /// <summary>Whether a random spread is added to each delay, so many connectors do not retry in step. Default <see langword="true"/>.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// The most calls per minute this client sends; <see langword="null"/> (the default) means no limit. Calls beyond
    /// the limit wait in a queue (at most one minute's worth of calls) until they may go; they fail with
    /// <see cref="PlatformErrorCodes.RateLimited"/> only when the queue is full, and with
    /// <see cref="PlatformErrorCodes.Timeout"/> when the wait exceeds <see cref="TotalTimeout"/>. Retries do not
    /// count against the limit.
    /// </summary>
    public int? RateLimitPerMinute { get; set; }

    /// <summary>
    /// How many failed attempts in a row open the circuit. Default 5, at least 2. Failures are 408, 429 and 5xx
    /// answers, timeouts and connection failures.
    /// </summary>
    /// <remarks>
    /// Mapped onto Polly's sampling circuit breaker with a failure ratio of 1.0 and a minimum throughput of this
    /// value: the circuit opens when at least this many attempts were made within the sampling window and every one
    /// of them failed; any success within the window keeps it closed. The sampling window is the larger of
    /// 30 seconds and this value times <see cref="AttemptTimeout"/>, so that even a run of attempts that all time
    /// out fits in one window.
    /// </remarks>
    public int CircuitBreakerThreshold { get; set; } = 5;

    /// <summary>How long the circuit stays open before a test call is let through. Default 30 seconds; between half a second and one day.</summary>
    public TimeSpan CircuitBreakerRecovery { get; set; } = TimeSpan.FromSeconds(30);
}
