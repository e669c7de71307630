using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// The checks of <see cref="PlatformClientOptions"/> that attributes cannot express (or not without reflection): the
/// base address, the duration ranges Polly accepts, how the timeouts relate, and values configuration could not read.
/// </summary>
internal sealed class PlatformClientOptionsRules : IValidateOptions<PlatformClientOptions>
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BindingErrors is { } bindingErrors)
        {
            failures.AddRange(bindingErrors);
        }

        if (options.BaseUrl is { } baseUrl && PlatformUrls.Check(baseUrl) is { } problem)
        {
            failures.Add($"PlatformClientOptions.BaseUrl '{baseUrl.OriginalString}' {problem}");
        }

        if (options.Resilience is { } resilience)
        {
            CheckResilience(resilience, "PlatformClientOptions.Resilience", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Checks the duration ranges Polly accepts and how the timeouts relate; each failure names the setting as
    /// <paramref name="prefix"/>.<c>Name</c>. Shared with the hosting package's upstream API client.
    /// </summary>
    internal static void CheckResilience(PlatformResilienceOptions resilience, string prefix, List<string> failures)
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
