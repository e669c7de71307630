using System.Globalization;
using Connctd.Connector.Sdk.Client;

namespace Connctd.Connector.Sdk.Http;

/// <summary>The checks of <see cref="PlatformResilienceOptions"/> the platform client and the upstream API clients share.</summary>
internal static class ResilienceOptionsRules
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>
    /// Checks the duration ranges Polly accepts and how the timeouts relate; each failure names the setting as
    /// <paramref name="prefix"/>.<c>Name</c>. Shared with the hosting package's upstream API client.
    /// </summary>
    public static void CheckResilience(PlatformResilienceOptions resilience, string prefix, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(failures);
        CheckRange(failures, prefix, nameof(resilience.AttemptTimeout), resilience.AttemptTimeout, TimeSpan.FromMilliseconds(10), OneDay);
        CheckRange(failures, prefix, nameof(resilience.TotalTimeout), resilience.TotalTimeout, TimeSpan.FromMilliseconds(10), OneDay);
        CheckRange(failures, prefix, nameof(resilience.RetryDelay), resilience.RetryDelay, TimeSpan.Zero, OneDay);
        CheckRange(failures, prefix, nameof(resilience.CircuitBreakerRecovery), resilience.CircuitBreakerRecovery, TimeSpan.FromMilliseconds(500), OneDay);
        if (resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{prefix}.AttemptTimeout ({resilience.AttemptTimeout}) is longer than TotalTimeout ({resilience.TotalTimeout}); make AttemptTimeout shorter or TotalTimeout longer."));
        }
    }

    private static void CheckRange(List<string> failures, string prefix, string name, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{prefix}.{name} is {value}; it must be between {minimum} and {maximum}."));
        }
    }
}
