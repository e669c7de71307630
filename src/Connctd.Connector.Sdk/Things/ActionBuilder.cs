namespace Connctd.Connector.Sdk.Things;

/// <summary>Configures one action of a component; handed out by <see cref="ComponentBuilder.AddAction(string, Action{ActionBuilder}?)"/>.</summary>
public sealed class ActionBuilder
{
    private readonly string _id;
    private readonly List<ActionParameter> _parameters = [];
    private string? _name;

    internal ActionBuilder(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _id = id;
    }

    /// <summary>Sets the action's display name (its id unless set).</summary>
    /// <param name="name">The display name.</param>
    /// <returns>This builder.</returns>
    public ActionBuilder WithName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _name = name;
        return this;
    }

    /// <summary>Adds a parameter the action takes; it arrives by this name in the action request's <c>parameters</c>.</summary>
    /// <param name="name">The parameter's name, unique (ignoring case) within the action.</param>
    /// <param name="type">The type of the parameter's value.</param>
    /// <returns>This builder.</returns>
    public ActionBuilder AddParameter(string name, PropertyValueType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        _parameters.Add(new ActionParameter(name, type));
        return this;
    }

    internal ThingAction Build() => new()
    {
        Id = _id,
        Name = _name ?? _id,
        Parameters = [.. _parameters],
    };
}
