namespace Connctd.Connector.Sdk.Things;

/// <summary>
/// Builds an immutable <see cref="Thing"/> step by step and checks it with <see cref="ThingValidator"/> when
/// <see cref="Build"/> is called, so every mistake is reported at once.
/// </summary>
/// <example>
/// <code>
/// Thing lamp = new ThingBuilder("Lamp", "core.LIGHT")
///     .WithManufacturer("ACME")
///     .WithAttribute("serial", "42")
///     .AddComponent("lamp", "core.Lamp", c => c
///         .WithCapability("core.SWITCHABLE")
///         .AddProperty("on", PropertyValueType.Boolean, p => p.WithValue(false).WithPropertyType("core.ONOFF"))
///         .AddAction("setOn", a => a.AddParameter("on", PropertyValueType.Boolean)))
///     .Build();
/// </code>
/// </example>
/// <remarks>
/// Defaults: the status is <see cref="ThingStatus.Available"/>, the manufacturer is empty, and the main component
/// is the first component added. Arguments are only checked for <see langword="null"/> as they are given; everything
/// else (empty or malformed ids, duplicates, values that do not match their type) is reported by <see cref="Build"/>.
/// A builder can build several things; each is a snapshot that later calls on the builder do not change.
/// </remarks>
public sealed class ThingBuilder
{
    private readonly string _name;
    private readonly string _displayType;
    private readonly List<ThingAttribute> _attributes = [];
    private readonly List<Component> _components = [];
    private string _manufacturer = "";
    private ThingStatus _status = ThingStatus.Available;
    private string? _mainComponentId;

    /// <summary>Starts a thing.</summary>
    /// <param name="name">The thing's display name, for example <c>Living room lamp</c>.</param>
    /// <param name="displayType">The display type, for example <c>core.LIGHT</c>; required by the platform.</param>
    public ThingBuilder(string name, string displayType)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(displayType);
        _name = name;
        _displayType = displayType;
    }

    /// <summary>Sets the manufacturer (empty unless set).</summary>
    /// <param name="manufacturer">The manufacturer, for example <c>ACME</c>.</param>
    /// <returns>This builder.</returns>
    public ThingBuilder WithManufacturer(string manufacturer)
    {
        ArgumentNullException.ThrowIfNull(manufacturer);
        _manufacturer = manufacturer;
        return this;
    }

    /// <summary>Adds a fixed attribute, or replaces the value of the attribute with the same name.</summary>
    /// <param name="name">The attribute's name, for example <c>serial</c>.</param>
    /// <param name="value">The attribute's value.</param>
    /// <returns>This builder.</returns>
    public ThingBuilder WithAttribute(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        int index = _attributes.FindIndex(attribute => string.Equals(attribute.Name, name, StringComparison.Ordinal));
        if (index >= 0)
        {
            _attributes[index] = new ThingAttribute(name, value);
        }
        else
        {
            _attributes.Add(new ThingAttribute(name, value));
        }

        return this;
    }

    /// <summary>Sets the thing's status (<see cref="ThingStatus.Available"/> unless set).</summary>
    /// <param name="status">The status.</param>
    /// <returns>This builder.</returns>
    public ThingBuilder WithStatus(ThingStatus status)
    {
        _status = status;
        return this;
    }

    /// <summary>Adds a component. Its name is its id unless <paramref name="configure"/> sets another.</summary>
    /// <param name="id">The component's id, unique (ignoring case) within the thing; 1 to 200 characters of <c>a-z</c>, <c>A-Z</c>, <c>0-9</c>, <c>-</c>, <c>_</c>.</param>
    /// <param name="componentType">The component's type, for example <c>core.Lamp</c>.</param>
    /// <param name="configure">Adds the component's name, capabilities, properties and actions.</param>
    /// <returns>This builder.</returns>
    public ThingBuilder AddComponent(string id, string componentType, Action<ComponentBuilder>? configure = null)
    {
        var builder = new ComponentBuilder(id, componentType);
        configure?.Invoke(builder);
        _components.Add(builder.Build());
        return this;
    }

    /// <summary>Adds a component built elsewhere, for example one shared by several things.</summary>
    /// <param name="component">The component.</param>
    /// <returns>This builder.</returns>
    public ThingBuilder AddComponent(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _components.Add(component);
        return this;
    }

    /// <summary>Sets the main component (the first component added unless set).</summary>
    /// <param name="componentId">The id of one of the thing's components, spelled exactly as it was added.</param>
    /// <returns>This builder.</returns>
    public ThingBuilder WithMainComponent(string componentId)
    {
        ArgumentNullException.ThrowIfNull(componentId);
        _mainComponentId = componentId;
        return this;
    }

    /// <summary>Builds the thing and checks it with <see cref="ThingValidator"/>.</summary>
    /// <returns>The thing, ready to be created on the platform.</returns>
    /// <exception cref="ThingValidationException">The thing breaks one or more rules; <see cref="ThingValidationException.Errors"/> lists them all.</exception>
    public Thing Build()
    {
        var thing = new Thing
        {
            Name = _name,
            Manufacturer = _manufacturer,
            DisplayType = _displayType,
            MainComponentId = _mainComponentId ?? (_components.Count > 0 ? _components[0].Id : ""),
            Status = _status,
            Attributes = [.. _attributes],
            Components = [.. _components],
        };
        ThingValidator.ThrowIfInvalid(thing);
        return thing;
    }
}
