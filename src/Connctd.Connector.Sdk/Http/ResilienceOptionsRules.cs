using System.Globalization;
using Connctd.Connector.Sdk.Client;

namespace Connctd.Connector.Sdk.Http;

/// <summary>
/// The checks of <see cref="PlatformResilienceOptions"/>, the same for every section that holds them
/// (<c>Connctd:Resilience</c>, <c>Connctd:Upstream:&lt;name&gt;:Resilience</c>, a platform client's own section).
/// </summary>
internal static class ResilienceOptionsRules
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>
    /// Checks the ranges Polly accepts and how the timeouts relate. Each failure names the setting as
    /// <paramref name="prefix"/> followed by its name, so a prefix of <c>Connctd:Resilience:</c> names the key the
    /// author wrote (<c>Connctd:Resilience:AttemptTimeout</c>).
    /// </summary>
    /// <param name="resilience">The settings.</param>
    /// <param name="prefix">What goes before each setting's name, with its separator.</param>
    /// <param name="failures">Where the failures are added.</param>
    public static void Check(PlatformResilienceOptions resilience, string prefix, List<string> failures)
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
                $"{prefix}AttemptTimeout ({resilience.AttemptTimeout}) is longer than {prefix}TotalTimeout ({resilience.TotalTimeout}); make AttemptTimeout shorter or TotalTimeout longer."));
        }

        CheckRange(failures, prefix, nameof(resilience.MaxRetries), resilience.MaxRetries, 0, 100);
        CheckRange(failures, prefix, nameof(resilience.CircuitBreakerThreshold), resilience.CircuitBreakerThreshold, 2, 10_000);
        if (resilience.RateLimitPerMinute is int perMinute)
        {
            CheckRange(failures, prefix, nameof(resilience.RateLimitPerMinute), perMinute, 1, 1_000_000);
        }

        if (!Enum.IsDefined(resilience.Backoff))
        {
            failures.Add($"{prefix}Backoff {resilience.Backoff} is not one of None (or Constant), Linear, Exponential.");
        }
    }

    private static void CheckRange(List<string> failures, string prefix, string name, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value >= minimum && value <= maximum)
        {
            return;
        }

        // The binder reads a bare number as days ("30" is 30.00:00:00): say so, since that is the usual mistake.
        string hint = value >= OneDay && value.Ticks % TimeSpan.TicksPerDay == 0
            ? " A bare number is read as days: write durations as hh:mm:ss, for example 00:00:30 for 30 seconds."
            : "";
        failures.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}{name} is {value}; it must be between {minimum} and {maximum}.{hint}"));
    }

    private static void CheckRange(List<string> failures, string prefix, string name, int value, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{name} is {value}; it must be between {minimum} and {maximum}."));
        }
    }
}
