namespace Connctd.Connector.Sdk.Things;

/// <summary>One rule a <see cref="Thing"/> breaks, as found by <see cref="ThingValidator"/>.</summary>
/// <param name="Path">
/// Where in the thing the problem is, in the thing's JSON names: <c>displayType</c>, <c>mainComponentId</c>,
/// <c>components[1].properties[0].id</c>, <c>components[0].actions[2].parameters[0].name</c>.
/// </param>
/// <param name="Code">What is wrong, as one of the stable <see cref="ThingValidationCodes"/>.</param>
/// <param name="Message">A human-readable description saying what to fix.</param>
public sealed record ThingValidationError(string Path, string Code, string Message)
{
    /// <summary>Returns <c>"{Path}: {Message}"</c>.</summary>
    /// <returns>The path and the message.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
