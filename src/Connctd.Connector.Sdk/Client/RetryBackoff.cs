namespace Connctd.Connector.Sdk.Client;

/// <summary>How the delay between retries of a platform call grows.</summary>
public enum RetryBackoff
{
    /// <summary>
    /// No backoff: every retry waits <see cref="PlatformResilienceOptions.RetryDelay"/>. The resilience settings of
    /// seed 003 call this <c>None</c>.
    /// </summary>
    Constant = 0,

    /// <summary>The delay grows by <see cref="PlatformResilienceOptions.RetryDelay"/> with each retry (1×, 2×, 3×, …).</summary>
    Linear = 1,

    /// <summary>The delay doubles with each retry (1×, 2×, 4×, …).</summary>
    Exponential = 2,
}
