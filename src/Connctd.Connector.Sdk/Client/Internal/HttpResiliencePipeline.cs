using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Connctd.Connector.Sdk.Client.Internal;

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

    /// <summary>The shortest sampling window of the circuit breaker (see <see cref="PlatformResiliencePipeline.SamplingWindow(PlatformResilienceOptions, TimeSpan)"/>).</summary>
    public TimeSpan MinimumSamplingWindow { get; init; } = PlatformResiliencePipeline.MinimumSamplingWindow;

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

/// <summary>
/// Builds a resilience pipeline from <see cref="PlatformResilienceOptions"/>, outermost first:
/// total timeout → rate limiter → retry → circuit breaker → attempt timeout.
/// </summary>
internal static class HttpResiliencePipeline
{
    /// <summary>When the current call started (a <see cref="TimeProvider"/> timestamp), set by the total timeout.</summary>
    private static readonly ResiliencePropertyKey<long> StartedKey = new("Connctd.Http.Started");

    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    /// <param name="builder">The pipeline builder of the HTTP client's resilience handler.</param>
    /// <param name="options">The settings; read once.</param>
    /// <param name="time">The clock.</param>
    /// <param name="onDisposed">Registers clean-up for when the pipeline is disposed (the rate limiter).</param>
    /// <param name="hooks">The client's decisions and listeners.</param>
    public static void Build(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        PlatformResilienceOptions options,
        TimeProvider time,
        Action<Action> onDisposed,
        HttpResilienceHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onDisposed);
        ArgumentNullException.ThrowIfNull(hooks);

        builder.TimeProvider = time;
        TimeSpan total = options.TotalTimeout;

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "TotalTimeout",
            TimeoutGenerator = args =>
            {
                args.Context.Properties.Set(StartedKey, time.GetTimestamp());
                return ValueTask.FromResult(total);
            },
        });

        if (options.RateLimitPerMinute is int perMinute)
        {
            var limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = perMinute,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            onDisposed(limiter.Dispose);
            builder.AddRateLimiter(limiter);
        }

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = options.Backoff switch
                {
                    RetryBackoff.Linear => DelayBackoffType.Linear,
                    RetryBackoff.Exponential => DelayBackoffType.Exponential,
                    _ => DelayBackoffType.Constant,
                },
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, total, time, hooks)),
                DelayGenerator = args => ValueTask.FromResult(PlatformResiliencePipeline.RetryAfterDelay(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    hooks.Retrying?.Invoke(OperationOf(args.Context, hooks), args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "CircuitBreaker",
            FailureRatio = 1.0,
            MinimumThroughput = options.CircuitBreakerThreshold,
            SamplingDuration = PlatformResiliencePipeline.SamplingWindow(options, hooks.MinimumSamplingWindow),
            BreakDuration = options.CircuitBreakerRecovery,
            StateProvider = hooks.StateProvider,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, args.Context)),
            OnOpened = args =>
            {
                hooks.Opened?.Invoke(args.BreakDuration, Describe(args.Outcome));
                return default;
            },
            OnHalfOpened = _ =>
            {
                hooks.HalfOpened?.Invoke();
                return default;
            },
            OnClosed = _ =>
            {
                hooks.Closed?.Invoke();
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            Timeout = options.AttemptTimeout,
        });
    }

    /// <summary>Whether an outcome counts as a failure of the peer: connection failures, timeouts, 408, 429 and 5xx.</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Exception: HttpRequestException } => !context.CancellationToken.IsCancellationRequested,
        { Exception: TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => PlatformResiliencePipeline.IsTransientStatus((int)response.StatusCode),
        _ => false,
    };

    private static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan total, TimeProvider time, HttpResilienceHooks hooks)
    {
        if (!hooks.MayRetry(context.GetRequestMessage()) || !IsFailure(outcome, context))
        {
            return false;
        }

        if (PlatformResiliencePipeline.RetryAfterDelay(outcome.Result, time) is { } retryAfter &&
            context.Properties.TryGetValue(StartedKey, out long started))
        {
            TimeSpan remaining = total - time.GetElapsedTime(started);
            if (retryAfter >= remaining)
            {
                hooks.RetryAfterBeyondBudget?.Invoke(
                    OperationOf(context, hooks),
                    (int)outcome.Result!.StatusCode,
                    retryAfter,
                    remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
                return false;
            }
        }

        return true;
    }

    private static string OperationOf(ResilienceContext context, HttpResilienceHooks hooks) => hooks.OperationOf(context.GetRequestMessage());

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : ((int)(outcome.Result?.StatusCode ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
