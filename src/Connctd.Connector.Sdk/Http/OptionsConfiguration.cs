using Connctd.Connector.Sdk.Client;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.Http;

/// <summary>
/// What the SDK's options sections share around the configuration-binding source generator, which binds every one of
/// them (one binding path, so the same JSON means the same in every section): the aliases it keeps, rewritten to the
/// names the binder knows before it runs, and how a value the binder cannot convert is reported.
/// </summary>
internal static class OptionsConfiguration
{
    /// <summary>The key of the backoff under a resilience section's parent.</summary>
    public const string BackoffKey = "Resilience:Backoff";

    /// <summary><c>None</c> for <see cref="RetryBackoff.Constant"/>: the resilience settings of the connector template call it so.</summary>
    /// <param name="value">The configured value.</param>
    /// <returns>The name the binder knows, or <see langword="null"/> when <paramref name="value"/> is no alias.</returns>
    public static string? BackoffAlias(string value) =>
        value.Equals("None", StringComparison.OrdinalIgnoreCase) ? nameof(RetryBackoff.Constant) : null;

    /// <summary>
    /// Returns <paramref name="section"/> itself, or, when one of <paramref name="aliases"/> is used in it, a copy of its
    /// values (under the same paths, so the binder's messages name the keys the author wrote) with each alias replaced.
    /// </summary>
    /// <param name="section">The section to bind.</param>
    /// <param name="aliases">Keys relative to the section, each with what turns an alias into the binder's name (or returns <see langword="null"/>).</param>
    /// <returns>The section to bind.</returns>
    public static IConfigurationSection WithAliases(IConfigurationSection section, params ReadOnlySpan<(string Key, Func<string, string?> Canonical)> aliases)
    {
        Dictionary<string, string?>? replaced = null;
        foreach ((string key, Func<string, string?> canonical) in aliases)
        {
            if (section[key] is { } value && canonical(value.Trim()) is { } name)
            {
                (replaced ??= new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase))[ConfigurationPath.Combine(section.Path, key)] = name;
            }
        }

        if (replaced is null)
        {
            return section;
        }

        IEnumerable<KeyValuePair<string, string?>> values = section.AsEnumerable()
            .Where(pair => !replaced.ContainsKey(pair.Key))
            .Concat(replaced);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(section.Path);
    }

    /// <summary>The message of a value the binder could not convert; the binder's own message names the key.</summary>
    /// <param name="exception">What the generated binder threw.</param>
    /// <returns>The failure to report at start-up.</returns>
    public static string BindingFailure(InvalidOperationException exception) =>
        exception.Message + " Durations are written as hh:mm:ss (00:00:30), numbers as digits, switches as true or false.";
}
