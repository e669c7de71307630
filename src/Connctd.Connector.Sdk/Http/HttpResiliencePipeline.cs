using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

using Connctd.Connector.Sdk.Client;

namespace Connctd.Connector.Sdk.Http;

/// <summary>
/// Builds a resilience pipeline from <see cref="PlatformResilienceOptions"/>, outermost first:
/// total timeout → rate limiter → retry → circuit breaker → attempt timeout.
/// </summary>
internal static class HttpResiliencePipeline
{
    /// <summary>When the current call started (a <see cref="TimeProvider"/> timestamp), set by the total timeout.</summary>
    private static readonly ResiliencePropertyKey<long> StartedKey = new("Connctd.Http.Started");

    /// <summary>The shortest sampling window of the circuit breaker unless a client asks for another.</summary>
    internal static readonly TimeSpan DefaultMinimumSamplingWindow = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaximumSamplingWindow = TimeSpan.FromDays(1);

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
                DelayGenerator = args => ValueTask.FromResult(HttpTransport.RetryAfterDelay(args.Outcome.Result, time)),
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
            SamplingDuration = SamplingWindow(options, hooks.MinimumSamplingWindow),
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

    /// <summary>The circuit breaker's sampling window: the larger of <paramref name="minimum"/> and threshold × attempt timeout, at most a day.</summary>
    internal static TimeSpan SamplingWindow(PlatformResilienceOptions options, TimeSpan minimum)
    {
        TimeSpan window = options.AttemptTimeout * options.CircuitBreakerThreshold;
        return window < minimum ? minimum
            : window > MaximumSamplingWindow ? MaximumSamplingWindow
            : window;
    }

    /// <summary>Whether an outcome counts as a failure of the peer: connection failures, timeouts, 408, 429 and 5xx.</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Exception: HttpRequestException } => !context.CancellationToken.IsCancellationRequested,
        { Exception: TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => HttpTransport.IsTransientStatus((int)response.StatusCode),
        _ => false,
    };

    private static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan total, TimeProvider time, HttpResilienceHooks hooks)
    {
        if (!hooks.MayRetry(context.GetRequestMessage()) || !IsFailure(outcome, context))
        {
            return false;
        }

        if (HttpTransport.RetryAfterDelay(outcome.Result, time) is { } retryAfter &&
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
