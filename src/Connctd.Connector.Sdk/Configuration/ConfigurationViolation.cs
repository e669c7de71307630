namespace Connctd.Connector.Sdk.Configuration;

/// <summary>
/// One problem with the configuration values of an installation or instance. It names the parameter and never
/// repeats the value (it may be a password).
/// </summary>
/// <param name="ParameterId">The id of the parameter.</param>
/// <param name="Code">What is wrong, one of <see cref="ConfigurationViolationCodes"/>.</param>
/// <param name="Description">What is wrong, for people; names the parameter, never shows the value.</param>
public sealed record ConfigurationViolation(string ParameterId, string Code, string Description)
{
    /// <summary>Describes the violation by parameter and code.</summary>
    /// <returns>For example <c>apiKey: REQUIRED</c>.</returns>
    public override string ToString() => $"{ParameterId}: {Code}";
}
