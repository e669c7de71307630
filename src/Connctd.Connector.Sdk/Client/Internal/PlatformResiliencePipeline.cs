using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Connctd.Connector.Sdk.Http;
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

    private static string OperationOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(PlatformRequestOptions.Operation, out string? operation)
            ? operation
            : "unknown";
}
