using System.Globalization;

namespace Connctd.Connector.Sdk.Things;

/// <summary>Configures one property of a component; handed out by <see cref="ComponentBuilder.AddProperty(string, PropertyValueType, Action{PropertyBuilder}?)"/>.</summary>
public sealed class PropertyBuilder
{
    private readonly string _id;
    private readonly PropertyValueType _type;
    private string? _name;
    private string _value = "";
    private string _unit = "";
    private string _propertyType = "";
    private DateTimeOffset? _lastUpdate;

    internal PropertyBuilder(string id, PropertyValueType type)
    {
        ArgumentNullException.ThrowIfNull(id);
        _id = id;
        _type = type;
    }

    /// <summary>Sets the property's display name (its id unless set).</summary>
    /// <param name="name">The display name.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _name = name;
        return this;
    }

    /// <summary>Sets the current value as the platform sees it: a string that matches the property's type (empty unless set).</summary>
    /// <param name="value">The value, for example <c>true</c> or <c>21.5</c>.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
        return this;
    }

    /// <summary>Sets the current value of a <see cref="PropertyValueType.Boolean"/> property, as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithValue(bool value) => WithValue(value ? "true" : "false");

    /// <summary>Sets the current value of a <see cref="PropertyValueType.Number"/> property, written with invariant culture (<c>21.5</c>).</summary>
    /// <param name="value">The value; must be finite.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithValue(double value) => WithValue(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Sets the unit of the value, for example <c>°C</c> (empty unless set).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithUnit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _unit = unit;
        return this;
    }

    /// <summary>Sets the semantic property type, for example <c>core.ONOFF</c> (empty unless set).</summary>
    /// <param name="propertyType">The property type.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithPropertyType(string propertyType)
    {
        ArgumentNullException.ThrowIfNull(propertyType);
        _propertyType = propertyType;
        return this;
    }

    /// <summary>Sets when the device last reported the value (not sent unless set).</summary>
    /// <param name="lastUpdate">The device's timestamp; sent in UTC.</param>
    /// <returns>This builder.</returns>
    public PropertyBuilder WithLastUpdate(DateTimeOffset lastUpdate)
    {
        _lastUpdate = lastUpdate;
        return this;
    }

    internal ThingProperty Build() => new()
    {
        Id = _id,
        Name = _name ?? _id,
        Value = _value,
        Unit = _unit,
        Type = _type,
        LastUpdate = _lastUpdate,
        PropertyType = _propertyType,
    };
}
