namespace Connctd.Connector.Sdk.Things;

/// <summary>A component of a thing: a group of properties and actions, for example the lamp of a lamp thing.</summary>
public sealed record Component
{
    /// <summary>The component's id, unique (ignoring case) within its thing; matches <c>^[a-zA-Z0-9-_]{1,200}$</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The component's display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The component's type, for example <c>core.Lamp</c>; required.</summary>
    public string ComponentType { get; init; } = "";

    /// <summary>The component's capabilities, for example <c>core.SWITCHABLE</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>The component's properties.</summary>
    public IReadOnlyList<ThingProperty> Properties { get; init; } = [];

    /// <summary>The component's actions.</summary>
    public IReadOnlyList<ThingAction> Actions { get; init; } = [];
}
