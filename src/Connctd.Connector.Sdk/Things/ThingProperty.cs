using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Things;

/// <summary>A property of a component, for example <c>on</c> or <c>brightness</c>.</summary>
public sealed record ThingProperty
{
    /// <summary>The property's id, unique (ignoring case) within its component; matches <c>^[a-zA-Z0-9-_]{1,200}$</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The property's display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The current value, as a string.</summary>
    public string Value { get; init; } = "";

    /// <summary>The unit of the value, for example <c>°C</c>; empty when it has none.</summary>
    public string Unit { get; init; } = "";

    /// <summary>The value's type.</summary>
    public PropertyValueType Type { get; init; }

    /// <summary>When the value was last reported by the device.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(NullableRfc3339DateTimeOffsetConverter))]
    public DateTimeOffset? LastUpdate { get; init; }

    /// <summary>The semantic property type, for example <c>core.ONOFF</c>; empty when it has none.</summary>
    public string PropertyType { get; init; } = "";
}
