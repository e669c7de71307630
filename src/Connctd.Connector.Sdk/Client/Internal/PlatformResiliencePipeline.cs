using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// Builds the platform client's resilience pipeline from <see cref="PlatformResilienceOptions"/>, outermost first:
/// total timeout → rate limiter → retry → circuit breaker → attempt timeout.
/// </summary>
internal static class PlatformResiliencePipeline
{
    /// <summary>The name of the resilience handler on the platform's HTTP client.</summary>
    public const string HandlerName = "connctd-platform";

    /// <summary>The shortest sampling window of the circuit breaker.</summary>
    internal static readonly TimeSpan MinimumSamplingWindow = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaximumSamplingWindow = TimeSpan.FromDays(1);

    /// <summary>When the current call started (a <see cref="TimeProvider"/> timestamp), set by the total timeout.</summary>
    private static readonly ResiliencePropertyKey<long> StartedKey = new("Connctd.Platform.Started");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        IServiceProvider services = context.ServiceProvider;
        PlatformResilienceOptions options = services.GetRequiredService<IOptionsMonitor<PlatformClientOptions>>()
            .Get(Options.DefaultName).Resilience;
        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<PlatformClient>() ?? NullLogger.Instance;
        PlatformCircuitMonitor monitor = services.GetRequiredService<PlatformCircuitMonitor>();

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
            context.OnPipelineDisposed(limiter.Dispose);
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
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, total, time, logger)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    if (logger.IsEnabled(LogLevel.Debug))
                    {
                        string operation = OperationOf(args.Context);
                        string outcome = Describe(args.Outcome);
                        Log.PlatformCallRetrying(logger, operation, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, outcome);
                    }

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "CircuitBreaker",
            FailureRatio = 1.0,
            MinimumThroughput = options.CircuitBreakerThreshold,
            SamplingDuration = SamplingWindow(options),
            BreakDuration = options.CircuitBreakerRecovery,
            StateProvider = monitor.CreateProvider(),
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, args.Context)),
            OnOpened = args =>
            {
                Log.PlatformCircuitOpened(logger, (long)args.BreakDuration.TotalMilliseconds, Describe(args.Outcome));
                return default;
            },
            OnHalfOpened = _ =>
            {
                Log.PlatformCircuitHalfOpened(logger);
                return default;
            },
            OnClosed = _ =>
            {
                Log.PlatformCircuitClosed(logger);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            Timeout = options.AttemptTimeout,
        });
    }

    /// <summary>The circuit breaker's sampling window: the larger of 30 s and threshold × attempt timeout, at most a day.</summary>
    internal static TimeSpan SamplingWindow(PlatformResilienceOptions options)
    {
        TimeSpan window = options.AttemptTimeout * options.CircuitBreakerThreshold;
        return window < MinimumSamplingWindow ? MinimumSamplingWindow
            : window > MaximumSamplingWindow ? MaximumSamplingWindow
            : window;
    }

    /// <summary>Whether an HTTP status says the platform is overloaded or failing: 408, 429 or 5xx.</summary>
    internal static bool IsTransientStatus(int status) =>
        status == (int)HttpStatusCode.RequestTimeout || status == (int)HttpStatusCode.TooManyRequests || status >= 500;

    /// <summary>The delay a response asks for in its <c>Retry-After</c> header (seconds or an HTTP date), or <see langword="null"/>.</summary>
    internal static TimeSpan? RetryAfterDelay(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool IsFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Exception: HttpRequestException } => !context.CancellationToken.IsCancellationRequested,
        { Exception: TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => IsTransientStatus((int)response.StatusCode),
        _ => false,
    };

    private static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan total, TimeProvider time, ILogger logger)
    {
        if (PlatformRequestOptions.IsSet(context.GetRequestMessage(), PlatformRequestOptions.NoRetry) ||
            !IsFailure(outcome, context))
        {
            return false;
        }

        if (RetryAfterDelay(outcome.Result, time) is { } retryAfter &&
            context.Properties.TryGetValue(StartedKey, out long started))
        {
            TimeSpan remaining = total - time.GetElapsedTime(started);
            if (retryAfter >= remaining)
            {
                Log.PlatformRetryAfterBeyondBudget(
                    logger,
                    OperationOf(context),
                    (int)outcome.Result!.StatusCode,
                    (long)retryAfter.TotalMilliseconds,
                    (long)Math.Max(0, remaining.TotalMilliseconds));
                return false;
            }
        }

        return true;
    }

    private static string OperationOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(PlatformRequestOptions.Operation, out string? operation)
            ? operation
            : "unknown";

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : ((int)(outcome.Result?.StatusCode ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
