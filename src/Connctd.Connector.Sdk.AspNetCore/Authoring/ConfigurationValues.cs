using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The configuration values of an installation or instance by parameter id, with typed access.
/// </summary>
/// <remarks>
/// Values of parameters the configuration schema declares secret (<see cref="ConfigurationDisplayType.Password"/>)
/// are read on purpose only, with <see cref="GetSecret"/> or <see cref="TryGetSecret"/>: every other accessor, the
/// enumeration, <see cref="Values"/>, <see cref="ToList"/> and <see cref="ToString"/> show them as
/// <see cref="ConfigurationParameterSet.Mask"/>, so that logging or dumping the values cannot leak them. Without a
/// schema (or for values of parameters the schema does not declare) no value is known to be secret and every accessor
/// returns the value as given. <see cref="ToString"/> lists the parameter ids only, never a value.
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after what it holds, as the protocol does.")]
public sealed class ConfigurationValues : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, string> _shown;
    private readonly HashSet<string> _secret;

    /// <summary>Creates the values from the protocol's list, none of them known to be secret; a later duplicate id wins.</summary>
    /// <param name="values">The values as received.</param>
    public ConfigurationValues(IEnumerable<ConfigurationValue> values)
        : this(values, ConfigurationParameterSet.Empty)
    {
    }

    /// <summary>
    /// Creates the values from the protocol's list, masking those of the parameters <paramref name="parameters"/>
    /// declares secret; a later duplicate id wins.
    /// </summary>
    /// <param name="values">The values as received, in clear.</param>
    /// <param name="parameters">The declared parameters (the schema's installation or instance parameters).</param>
    public ConfigurationValues(IEnumerable<ConfigurationValue> values, ConfigurationParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(parameters);
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        _shown = new Dictionary<string, string>(StringComparer.Ordinal);
        _secret = new HashSet<string>(StringComparer.Ordinal);
        foreach (ConfigurationValue value in values)
        {
            bool secret = parameters.Find(value.Id) is { IsSecret: true };
            _values[value.Id] = value.Value;
            _shown[value.Id] = secret ? ConfigurationParameterSet.Mask : value.Value;
            if (secret)
            {
                _secret.Add(value.Id);
            }
        }
    }

    /// <summary>An empty set of values.</summary>
    public static ConfigurationValues Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _shown.Keys;

    /// <summary>The values, secret ones masked.</summary>
    public IEnumerable<string> Values => _shown.Values;

    /// <summary>The value of a parameter, masked when it is secret (read a secret with <see cref="GetSecret"/>).</summary>
    /// <param name="key">The parameter id.</param>
    /// <exception cref="KeyNotFoundException">The parameter was not given.</exception>
    public string this[string key] => _shown[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <summary>Finds the value of a parameter, masked when it is secret (read a secret with <see cref="TryGetSecret"/>).</summary>
    /// <param name="key">The parameter id.</param>
    /// <param name="value">The value, when given.</param>
    /// <returns>True if the parameter was given.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _shown.TryGetValue(key, out value);

    /// <summary>Whether the value of a parameter is secret: masked everywhere but by <see cref="GetSecret"/> and <see cref="TryGetSecret"/>.</summary>
    /// <param name="id">The parameter id.</param>
    /// <returns>True when the parameter was given and the schema declares it secret.</returns>
    public bool IsSecret(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _secret.Contains(id);
    }

    /// <summary>
    /// Returns the value of a parameter in clear, also when it is secret: call it only where the value is used (to
    /// authenticate to the device's API, say), never to log or show it.
    /// </summary>
    /// <param name="id">The parameter id.</param>
    /// <returns>The value as given.</returns>
    /// <exception cref="KeyNotFoundException">The parameter was not given.</exception>
    public string GetSecret(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _values.TryGetValue(id, out string? value)
            ? value
            : throw new KeyNotFoundException($"Configuration parameter '{id}' was not given.");
    }

    /// <summary>Finds the value of a parameter in clear, also when it is secret (see <see cref="GetSecret"/>).</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The value as given, when given.</param>
    /// <returns>True if the parameter was given.</returns>
    public bool TryGetSecret(string id, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _values.TryGetValue(id, out value);
    }

    /// <summary>Returns a value, masked when it is secret, or <paramref name="defaultValue"/> when the parameter was not given.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="defaultValue">The value to use when absent.</param>
    /// <returns>The value.</returns>
    [return: NotNullIfNotNull(nameof(defaultValue))]
    public string? GetString(string id, string? defaultValue = null) =>
        _shown.TryGetValue(id, out string? value) ? value : defaultValue;

    /// <summary>Reads a NUMBER parameter as a <see cref="double"/> (invariant culture); a secret one reads as absent.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The number, when present and valid.</param>
    /// <returns>True if the parameter is present and a number.</returns>
    public bool TryGetNumber(string id, out double value)
    {
        value = 0;
        return _shown.TryGetValue(id, out string? text) &&
               double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a BOOLEAN parameter (<c>true</c> / <c>false</c>, any case); a secret one reads as absent.</summary>
    /// <param name="id">The parameter id.</param>
    /// <param name="value">The boolean, when present and valid.</param>
    /// <returns>True if the parameter is present and a boolean.</returns>
    public bool TryGetBoolean(string id, out bool value)
    {
        value = false;
        return _shown.TryGetValue(id, out string? text) && bool.TryParse(text, out value);
    }

    /// <summary>Returns the values in the protocol's list form, secret ones masked.</summary>
    /// <returns>One entry per parameter.</returns>
    public IReadOnlyList<ConfigurationValue> ToList() => _shown.Select(pair => new ConfigurationValue(pair.Key, pair.Value)).ToArray();

    /// <summary>Enumerates the values, secret ones masked.</summary>
    /// <returns>The parameter ids with their values.</returns>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _shown.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the parameter ids, never the values.</summary>
    /// <returns>For example <c>ConfigurationValues[apiKey, region]</c>.</returns>
    public override string ToString() => $"ConfigurationValues[{string.Join(", ", _values.Keys)}]";
}
