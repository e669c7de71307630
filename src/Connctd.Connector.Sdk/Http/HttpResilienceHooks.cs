using Connctd.Connector.Sdk.Client;
using Polly.CircuitBreaker;

namespace Connctd.Connector.Sdk.Http;

/// <summary>
/// What a client built on <see cref="HttpResiliencePipeline"/> decides and hears: whether a request may be repeated,
/// its name for log lines, and the breaker's transitions. Shared by the platform client and the hosting package's
/// upstream API client, so both follow one set of rules.
/// </summary>
internal sealed class HttpResilienceHooks
{
    /// <summary>Whether the request may be repeated at all (for example not a create-thing or a POST).</summary>
    public required Func<HttpRequestMessage?, bool> MayRetry { get; init; }

    /// <summary>The call's name for log lines.</summary>
    public required Func<HttpRequestMessage?, string> OperationOf { get; init; }

    /// <summary>Keeps the circuit breaker's state for diagnostics; <see langword="null"/> when nobody asks.</summary>
    public CircuitBreakerStateProvider? StateProvider { get; init; }

    /// <summary>The shortest sampling window of the circuit breaker (see <see cref="HttpResiliencePipeline.SamplingWindow(PlatformResilienceOptions, TimeSpan)"/>).</summary>
    public TimeSpan MinimumSamplingWindow { get; init; } = HttpResiliencePipeline.DefaultMinimumSamplingWindow;

    /// <summary>A retry is about to wait: operation, retry number (1-based), delay, outcome.</summary>
    public Action<string, int, TimeSpan, string>? Retrying { get; init; }

    /// <summary>A Retry-After was longer than the remaining budget: operation, status, retry-after, remaining.</summary>
    public Action<string, int, TimeSpan, TimeSpan>? RetryAfterBeyondBudget { get; init; }

    /// <summary>The circuit opened: break duration, last outcome.</summary>
    public Action<TimeSpan, string>? Opened { get; init; }

    /// <summary>The circuit is half-open.</summary>
    public Action? HalfOpened { get; init; }

    /// <summary>The circuit closed again.</summary>
    public Action? Closed { get; init; }
}
