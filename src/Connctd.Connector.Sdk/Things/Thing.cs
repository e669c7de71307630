namespace Connctd.Connector.Sdk.Things;

/// <summary>
/// A thing as the platform knows it: a device or service of an instance, made of components with
/// properties and actions. Build one with <see cref="ThingBuilder"/> and check it with <see cref="ThingValidator"/>.
/// </summary>
public sealed record Thing
{
    private readonly IReadOnlyList<Component> _components = [];

    private readonly IReadOnlyList<ThingAttribute> _attributes = [];

    /// <summary>The platform's id of the thing; empty when creating it (the platform assigns it).</summary>
    public string Id { get; init; } = "";

    /// <summary>The thing's display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The manufacturer.</summary>
    public string Manufacturer { get; init; } = "";

    /// <summary>The display type, for example <c>core.LIGHT</c>; required.</summary>
    public string DisplayType { get; init; } = "";

    /// <summary>The id of the main component; required and must name one of <see cref="Components"/>.</summary>
    public string MainComponentId { get; init; } = "";

    /// <summary>Whether the thing can be reached.</summary>
    public ThingStatus Status { get; init; } = ThingStatus.Available;

    /// <summary>Fixed attributes such as a serial number.</summary>
    public IReadOnlyList<ThingAttribute> Attributes
    {
        get => _attributes;
        init => _attributes = value ?? [];
    }

    /// <summary>The components; at least one.</summary>
    public IReadOnlyList<Component> Components
    {
        get => _components;
        init => _components = value ?? [];
    }
}
