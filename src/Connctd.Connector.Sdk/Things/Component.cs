namespace Connctd.Connector.Sdk.Things;

/// <summary>A component of a thing: a group of properties and actions, for example the lamp of a lamp thing.</summary>
public sealed record Component
{
    private readonly IReadOnlyList<ThingAction> _actions = [];

    private readonly IReadOnlyList<ThingProperty> _properties = [];

    private readonly IReadOnlyList<string> _capabilities = [];

    /// <summary>The component's id, unique (ignoring case) within its thing; matches <c>^[a-zA-Z0-9-_]{1,200}$</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The component's display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The component's type, for example <c>core.Lamp</c>; required.</summary>
    public string ComponentType { get; init; } = "";

    /// <summary>The component's capabilities, for example <c>core.SWITCHABLE</c>.</summary>
    public IReadOnlyList<string> Capabilities
    {
        get => _capabilities;
        init => _capabilities = value ?? [];
    }

    /// <summary>The component's properties.</summary>
    public IReadOnlyList<ThingProperty> Properties
    {
        get => _properties;
        init => _properties = value ?? [];
    }

    /// <summary>The component's actions.</summary>
    public IReadOnlyList<ThingAction> Actions
    {
        get => _actions;
        init => _actions = value ?? [];
    }
}
