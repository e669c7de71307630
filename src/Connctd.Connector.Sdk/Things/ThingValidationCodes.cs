namespace Connctd.Connector.Sdk.Things;

/// <summary>
/// The stable, machine-readable codes of <see cref="ThingValidationError.Code"/>. Codes never change once
/// released; compare against these constants rather than against messages.
/// </summary>
public static class ThingValidationCodes
{
    /// <summary>A required value is missing or empty (a display type, a component type, an id, a parameter name, a list entry).</summary>
    public const string Required = "REQUIRED";

    /// <summary>An id is not 1 to 200 characters of <c>a-z</c>, <c>A-Z</c>, <c>0-9</c>, <c>-</c> and <c>_</c>.</summary>
    public const string InvalidId = "INVALID_ID";

    /// <summary>A component, property or action id is used twice where it must be unique, ignoring case.</summary>
    public const string DuplicateId = "DUPLICATE_ID";

    /// <summary>An action parameter name is used twice in one action, ignoring case.</summary>
    public const string DuplicateName = "DUPLICATE_NAME";

    /// <summary>The main component id names no component of the thing.</summary>
    public const string UnknownMainComponent = "UNKNOWN_MAIN_COMPONENT";

    /// <summary>The thing has no components.</summary>
    public const string NoComponents = "NO_COMPONENTS";

    /// <summary>A component has neither properties nor actions.</summary>
    public const string EmptyComponent = "EMPTY_COMPONENT";

    /// <summary>A text cannot be encoded as UTF-8 (it holds a lone surrogate).</summary>
    public const string InvalidUtf8 = "INVALID_UTF8";

    /// <summary>A property's or action parameter's value type is <see cref="PropertyValueType.Unknown"/>.</summary>
    public const string InvalidType = "INVALID_TYPE";

    /// <summary>A property's value does not match its type (<c>true</c>/<c>false</c> for booleans, an invariant-culture number for numbers).</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>The thing's status is <see cref="ThingStatus.Unknown"/>, or not a defined status.</summary>
    public const string InvalidStatus = "INVALID_STATUS";
}
