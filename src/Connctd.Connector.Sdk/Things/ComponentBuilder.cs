namespace Connctd.Connector.Sdk.Things;

/// <summary>Configures one component of a thing; handed out by <see cref="ThingBuilder.AddComponent(string, string, Action{ComponentBuilder}?)"/>.</summary>
public sealed class ComponentBuilder
{
    private readonly string _id;
    private readonly string _componentType;
    private readonly List<string> _capabilities = [];
    private readonly List<ThingProperty> _properties = [];
    private readonly List<ThingAction> _actions = [];
    private string? _name;

    internal ComponentBuilder(string id, string componentType)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(componentType);
        _id = id;
        _componentType = componentType;
    }

    /// <summary>Sets the component's display name (its id unless set).</summary>
    /// <param name="name">The display name.</param>
    /// <returns>This builder.</returns>
    public ComponentBuilder WithName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _name = name;
        return this;
    }

    /// <summary>Adds a capability, for example <c>core.SWITCHABLE</c>; adding the same capability twice keeps one.</summary>
    /// <param name="capability">The capability.</param>
    /// <returns>This builder.</returns>
    public ComponentBuilder WithCapability(string capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        if (!_capabilities.Contains(capability, StringComparer.Ordinal))
        {
            _capabilities.Add(capability);
        }

        return this;
    }

    /// <summary>Adds a property. Its name is its id, its value, unit and property type are empty, unless <paramref name="configure"/> sets them.</summary>
    /// <param name="id">The property's id, unique (ignoring case) within the component; 1 to 200 characters of <c>a-z</c>, <c>A-Z</c>, <c>0-9</c>, <c>-</c>, <c>_</c>.</param>
    /// <param name="type">The type of the property's value.</param>
    /// <param name="configure">Sets the property's name, value, unit, property type and last update.</param>
    /// <returns>This builder.</returns>
    public ComponentBuilder AddProperty(string id, PropertyValueType type, Action<PropertyBuilder>? configure = null)
    {
        var builder = new PropertyBuilder(id, type);
        configure?.Invoke(builder);
        _properties.Add(builder.Build());
        return this;
    }

    /// <summary>Adds an action. Its name is its id and it has no parameters, unless <paramref name="configure"/> adds them.</summary>
    /// <param name="id">The action's id, unique (ignoring case) within the component; 1 to 200 characters of <c>a-z</c>, <c>A-Z</c>, <c>0-9</c>, <c>-</c>, <c>_</c>.</param>
    /// <param name="configure">Sets the action's name and adds its parameters.</param>
    /// <returns>This builder.</returns>
    public ComponentBuilder AddAction(string id, Action<ActionBuilder>? configure = null)
    {
        var builder = new ActionBuilder(id);
        configure?.Invoke(builder);
        _actions.Add(builder.Build());
        return this;
    }

    internal Component Build() => new()
    {
        Id = _id,
        Name = _name ?? _id,
        ComponentType = _componentType,
        Capabilities = [.. _capabilities],
        Properties = [.. _properties],
        Actions = [.. _actions],
    };
}
