namespace Connctd.Connector.Sdk.Configuration;

/// <summary>The stable codes of <see cref="ManifestProblem.Code"/>; compare against these rather than against descriptions.</summary>
public static class ManifestProblemCodes
{
    /// <summary>A value that must be given is missing or empty.</summary>
    public const string Required = "REQUIRED";

    /// <summary>A callback URL is not an absolute <c>https</c> URL.</summary>
    public const string NotHttps = "NOT_HTTPS";

    /// <summary>A parameter id is used twice in one list.</summary>
    public const string Duplicate = "DUPLICATE";

    /// <summary>A value is not one the platform accepts (an unknown mode, value type or display type, an expression that does not compile, a relative URL).</summary>
    public const string Invalid = "INVALID";
}
