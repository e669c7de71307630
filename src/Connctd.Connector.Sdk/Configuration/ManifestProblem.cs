namespace Connctd.Connector.Sdk.Configuration;

/// <summary>One problem of a <see cref="ConnectorManifest"/> or of a configuration parameter declaration.</summary>
/// <param name="Path">The JSON path of the field, for example <c>configurationParameters[1].id</c> or <c>actionCallbackUrl</c>.</param>
/// <param name="Code">What is wrong, one of <see cref="ManifestProblemCodes"/>.</param>
/// <param name="Description">What is wrong and how to fix it, for people.</param>
public sealed record ManifestProblem(string Path, string Code, string Description)
{
    /// <summary>Describes the problem by path and description.</summary>
    /// <returns>For example <c>name: REQUIRED (the publication needs a name)</c>.</returns>
    public override string ToString() => $"{Path}: {Code} ({Description})";
}
