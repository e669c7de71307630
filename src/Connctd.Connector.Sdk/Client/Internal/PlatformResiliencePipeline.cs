using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

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

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        IServiceProvider services = context.ServiceProvider;
        PlatformResilienceOptions options = services.GetRequiredService<IOptionsMonitor<PlatformClientOptions>>()
            .Get(Options.DefaultName).Resilience;
        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<PlatformClient>() ?? NullLogger.Instance;
        PlatformCircuitMonitor monitor = services.GetRequiredService<PlatformCircuitMonitor>();

        HttpResiliencePipeline.Build(builder, options, time, context.OnPipelineDisposed, new HttpResilienceHooks
        {
            MayRetry = request => !PlatformRequestOptions.IsSet(request, PlatformRequestOptions.NoRetry),
            OperationOf = OperationOf,
            StateProvider = monitor.CreateProvider(),
            Retrying = (operation, retry, delay, outcome) =>
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    Log.PlatformCallRetrying(logger, operation, retry, (long)delay.TotalMilliseconds, outcome);
                }
            },
            RetryAfterBeyondBudget = (operation, status, retryAfter, remaining) =>
                Log.PlatformRetryAfterBeyondBudget(logger, operation, status, (long)retryAfter.TotalMilliseconds, (long)remaining.TotalMilliseconds),
            Opened = (breakDuration, outcome) => Log.PlatformCircuitOpened(logger, (long)breakDuration.TotalMilliseconds, outcome),
            HalfOpened = () => Log.PlatformCircuitHalfOpened(logger),
            Closed = () => Log.PlatformCircuitClosed(logger),
        });
    }

    /// <summary>The circuit breaker's sampling window: the larger of 30 s and threshold × attempt timeout, at most a day.</summary>
    internal static TimeSpan SamplingWindow(PlatformResilienceOptions options) => SamplingWindow(options, MinimumSamplingWindow);

    /// <summary>The circuit breaker's sampling window: the larger of <paramref name="minimum"/> and threshold × attempt timeout, at most a day.</summary>
    internal static TimeSpan SamplingWindow(PlatformResilienceOptions options, TimeSpan minimum)
    {
        TimeSpan window = options.AttemptTimeout * options.CircuitBreakerThreshold;
        return window < minimum ? minimum
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

    private static string OperationOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(PlatformRequestOptions.Operation, out string? operation)
            ? operation
            : "unknown";
}
