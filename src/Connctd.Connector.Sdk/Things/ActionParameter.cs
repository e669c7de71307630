namespace Connctd.Connector.Sdk.Things;

/// <summary>A parameter of a thing's action.</summary>
/// <param name="Name">The parameter's name, as it appears in <c>parameters</c> of an action request.</param>
/// <param name="Type">The parameter's value type.</param>
public sealed record ActionParameter(string Name, PropertyValueType Type);
