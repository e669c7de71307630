using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// Reads <see cref="PlatformClientOptions"/> from a configuration section without reflection (the package is
/// trimming- and AOT-compatible). Values that cannot be read are kept in
/// <see cref="PlatformClientOptions.BindingErrors"/> and reported, with their configuration path, by validation at
/// start-up. Durations are written as <c>hh:mm:ss</c> (<c>00:00:30</c>); a bare number is refused rather than read as
/// days. <c>Backoff</c> accepts <c>None</c> as another name for <see cref="RetryBackoff.Constant"/>.
/// </summary>
internal static class PlatformClientOptionsBinder
{
    public static void Bind(IConfiguration section, PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (Value(section, "BaseUrl") is { } baseUrl)
        {
            if (Uri.TryCreate(baseUrl, UriKind.RelativeOrAbsolute, out Uri? uri))
            {
                options.BaseUrl = uri;
            }
            else
            {
                errors.Add($"{PathOf(section, "BaseUrl")} '{baseUrl}' is not an address; use for example https://connectors.connctd.io/api/v1/.");
            }
        }

        options.Resilience ??= new PlatformResilienceOptions();
        BindResilience(section.GetSection("Resilience"), options.Resilience, errors);

        if (errors.Count > 0)
        {
            (options.BindingErrors ??= []).AddRange(errors);
        }
    }

    /// <summary>
    /// Reads <see cref="PlatformResilienceOptions"/> from <paramref name="resilience"/> (the <c>Resilience</c> section);
    /// values that cannot be read are added to <paramref name="errors"/> with their configuration path. Shared with the
    /// hosting package's upstream API client, whose settings have the same shape.
    /// </summary>
    internal static void BindResilience(IConfiguration resilience, PlatformResilienceOptions target, List<string> errors)
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

    internal static string? Value(IConfiguration section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    internal static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path.Length: > 0 } named ? named.Path + ":" + key : key;

    internal static void ReadDuration(IConfiguration section, string key, Action<TimeSpan> set, List<string> errors)
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

    internal static void ReadInt(IConfiguration section, string key, Action<int> set, List<string> errors)
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

    private static void ReadOptionalInt(IConfiguration section, string key, Action<int?> set, List<string> errors)
    {
        if (section.GetSection(key).Exists() && Value(section, key) is null)
        {
            set(null);
            return;
        }

        ReadInt(section, key, value => set(value), errors);
    }

    internal static void ReadBool(IConfiguration section, string key, Action<bool> set, List<string> errors)
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

    private static void ReadBackoff(IConfiguration section, Action<RetryBackoff> set, List<string> errors)
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
