namespace Connctd.Connector.Sdk.Configuration;

/// <summary>
/// The stable codes of <see cref="ConfigurationViolation.Code"/>. Codes never change once released; compare against
/// these constants rather than against descriptions.
/// </summary>
public static class ConfigurationViolationCodes
{
    /// <summary>A required parameter has no value, or an empty one.</summary>
    public const string Required = "REQUIRED";

    /// <summary>The value of a <see cref="ConfigurationValueType.Number"/> parameter is not a finite number.</summary>
    public const string InvalidNumber = "INVALID_NUMBER";

    /// <summary>The value of a <see cref="ConfigurationValueType.Boolean"/> parameter is neither <c>true</c> nor <c>false</c>.</summary>
    public const string InvalidBoolean = "INVALID_BOOLEAN";

    /// <summary>The value does not match the parameter's validation expression.</summary>
    public const string ExpressionMismatch = "EXPRESSION_MISMATCH";

    /// <summary>Matching the value against the validation expression took too long; the value is refused.</summary>
    public const string ExpressionTimeout = "EXPRESSION_TIMEOUT";

    /// <summary>The same parameter was given more than once.</summary>
    public const string Duplicate = "DUPLICATE";
}
