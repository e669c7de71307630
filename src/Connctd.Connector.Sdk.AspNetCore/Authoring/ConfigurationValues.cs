using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The configuration values of an installation or instance by parameter id, with typed access.
/// <see cref="ToString"/> lists the parameter ids only, never the values (they may be passwords).
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after what it holds, as the protocol does.")]
public sealed class ConfigurationValues : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates the values from the protocol's list; a later duplicate id wins.</summary>
    /// <param name="values">The values as received.</param>
    public ConfigurationValues(IEnumerable<ConfigurationValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ConfigurationValue value in values)
        {
            _values[value.Id] = value.Value;
        }
    }

    /// <summary>An empty set of values.</summary>
    public static ConfigurationValues Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _values.Values;

    /// <inheritdoc />
    public string this[string key] => _values[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _values.TryGetValue(key, out value);

    /// <summary>Returns a value, or <paramref name="defaultValue"/> when the parameter was not given.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="defaultValue">The value to use when absent.</param>
    /// <returns>The value.</returns>
    [return: NotNullIfNotNull(nameof(defaultValue))]
    public string? GetString(string id, string? defaultValue = null) =>
        _values.TryGetValue(id, out string? value) ? value : defaultValue;

    /// <summary>Reads a NUMBER parameter as a <see cref="double"/> (invariant culture).</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The number, when present and valid.</param>
    /// <returns>True if the parameter is present and a number.</returns>
    public bool TryGetNumber(string id, out double value)
    {
        value = 0;
        return _values.TryGetValue(id, out string? text) &&
               double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a BOOLEAN parameter (<c>true</c> / <c>false</c>, any case).</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The boolean, when present and valid.</param>
    /// <returns>True if the parameter is present and a boolean.</returns>
    public bool TryGetBoolean(string id, out bool value)
    {
        value = false;
        return _values.TryGetValue(id, out string? text) && bool.TryParse(text, out value);
    }

    /// <summary>Returns the values in the protocol's list form.</summary>
    /// <returns>One entry per parameter.</returns>
    public IReadOnlyList<ConfigurationValue> ToList() => _values.Select(pair => new ConfigurationValue(pair.Key, pair.Value)).ToArray();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the parameter ids, never the values.</summary>
    /// <returns>For example <c>ConfigurationValues[apiKey, region]</c>.</returns>
    public override string ToString() => $"ConfigurationValues[{string.Join(", ", _values.Keys)}]";
}
