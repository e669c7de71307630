using System.Globalization;
using Connctd.Connector.Sdk.Client;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.Http;

/// <summary>
/// Reads <see cref="PlatformResilienceOptions"/> and the values around it from configuration without reflection, the
/// same way for the platform client and the upstream API clients. Values that cannot be read are collected with their
/// configuration path. Durations are written as <c>hh:mm:ss</c>; a bare number is refused rather than read as days.
/// </summary>
internal static class ResilienceOptionsBinder
{
    /// <summary>
    /// Reads <see cref="PlatformResilienceOptions"/> from <paramref name="resilience"/> (the <c>Resilience</c> section);
    /// values that cannot be read are added to <paramref name="errors"/> with their configuration path. Shared with the
    /// hosting package's upstream API client, whose settings have the same shape.
    /// </summary>
    public static void BindResilience(IConfiguration resilience, PlatformResilienceOptions target, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(errors);
        ReadDuration(resilience, nameof(PlatformResilienceOptions.AttemptTimeout), value => target.AttemptTimeout = value, errors);
        ReadDuration(resilience, nameof(PlatformResilienceOptions.TotalTimeout), value => target.TotalTimeout = value, errors);
        ReadInt(resilience, nameof(PlatformResilienceOptions.MaxRetries), value => target.MaxRetries = value, errors);
        ReadDuration(resilience, nameof(PlatformResilienceOptions.RetryDelay), value => target.RetryDelay = value, errors);
        ReadBackoff(resilience, value => target.Backoff = value, errors);
        ReadBool(resilience, nameof(PlatformResilienceOptions.UseJitter), value => target.UseJitter = value, errors);
        ReadOptionalInt(resilience, nameof(PlatformResilienceOptions.RateLimitPerMinute), value => target.RateLimitPerMinute = value, errors);
        ReadInt(resilience, nameof(PlatformResilienceOptions.CircuitBreakerThreshold), value => target.CircuitBreakerThreshold = value, errors);
        ReadDuration(resilience, nameof(PlatformResilienceOptions.CircuitBreakerRecovery), value => target.CircuitBreakerRecovery = value, errors);
    }

    public static string? Value(IConfiguration section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path.Length: > 0 } named ? named.Path + ":" + key : key;

    public static void ReadDuration(IConfiguration section, string key, Action<TimeSpan> set, List<string> errors)
    {
        if (Value(section, key) is not { } text)
        {
            return;
        }

        if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{PathOf(section, key)} '{text}' is not a duration; write it as hh:mm:ss, for example 00:00:30 for 30 seconds.");
        }
    }

    public static void ReadInt(IConfiguration section, string key, Action<int> set, List<string> errors)
    {
        if (Value(section, key) is not { } text)
        {
            return;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{PathOf(section, key)} '{text}' is not a whole number.");
        }
    }

    public static void ReadOptionalInt(IConfiguration section, string key, Action<int?> set, List<string> errors)
    {
        if (section.GetSection(key).Exists() && Value(section, key) is null)
        {
            set(null);
            return;
        }

        ReadInt(section, key, value => set(value), errors);
    }

    public static void ReadBool(IConfiguration section, string key, Action<bool> set, List<string> errors)
    {
        if (Value(section, key) is not { } text)
        {
            return;
        }

        if (bool.TryParse(text, out bool value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{PathOf(section, key)} '{text}' is neither true nor false.");
        }
    }

    public static void ReadBackoff(IConfiguration section, Action<RetryBackoff> set, List<string> errors)
    {
        const string key = nameof(PlatformResilienceOptions.Backoff);
        if (Value(section, key) is not { } text)
        {
            return;
        }

        if (string.Equals(text, "None", StringComparison.OrdinalIgnoreCase))
        {
            set(RetryBackoff.Constant);
        }
        else if (!char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse(text, ignoreCase: true, out RetryBackoff value) && Enum.IsDefined(value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{PathOf(section, key)} '{text}' is not a backoff; use None, Constant, Linear or Exponential.");
        }
    }
}
