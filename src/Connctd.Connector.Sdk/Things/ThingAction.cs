namespace Connctd.Connector.Sdk.Things;

/// <summary>An action a component offers, for example <c>setOn</c>.</summary>
public sealed record ThingAction
{
    private readonly IReadOnlyList<ActionParameter> _parameters = [];

    /// <summary>The action's id, unique (ignoring case) within its component; matches <c>^[a-zA-Z0-9-_]{1,200}$</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The action's display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The action's parameters.</summary>
    public IReadOnlyList<ActionParameter> Parameters
    {
        get => _parameters;
        init => _parameters = value ?? [];
    }
}
