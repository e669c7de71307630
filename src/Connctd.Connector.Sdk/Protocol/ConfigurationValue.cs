using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>One configuration value of an installation or instance. Values always travel as strings.</summary>
public sealed record ConfigurationValue
{
    /// <summary>Creates a configuration value.</summary>
    /// <param name="id">The id of the publication's configuration parameter.</param>
    /// <param name="value">The value, as a string.</param>
    [JsonConstructor]
    public ConfigurationValue(string id, string value)
    {
        Id = id;
        Value = value;
    }

    /// <summary>The id of the publication's configuration parameter.</summary>
    [JsonRequired]
    public string Id { get; init; }

    /// <summary>The value, as a string.</summary>
    [JsonRequired]
    public string Value { get; init; }
}
