using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Connctd.Connector.Sdk.Things;

/// <summary>
/// Checks a <see cref="Thing"/> against the rules the platform applies before it creates a thing, and reports
/// every broken rule at once, each with the JSON path of the offending value (see <see cref="ThingValidationError"/>).
/// </summary>
/// <remarks>
/// <para>The rules, with the <see cref="ThingValidationCodes"/> they report:</para>
/// <list type="bullet">
/// <item><description><c>displayType</c> is not empty (<see cref="ThingValidationCodes.Required"/>).</description></item>
/// <item><description><c>mainComponentId</c> is not empty and names one of the components exactly
/// (<see cref="ThingValidationCodes.Required"/>, <see cref="ThingValidationCodes.UnknownMainComponent"/>).</description></item>
/// <item><description><c>status</c> is <see cref="ThingStatus.Available"/> or <see cref="ThingStatus.Unavailable"/>
/// (<see cref="ThingValidationCodes.InvalidStatus"/>).</description></item>
/// <item><description>There is at least one component (<see cref="ThingValidationCodes.NoComponents"/>), and each has
/// at least one property or action (<see cref="ThingValidationCodes.EmptyComponent"/>) and a
/// <c>componentType</c> (<see cref="ThingValidationCodes.Required"/>).</description></item>
/// <item><description>Component, property and action ids match <c>^[a-zA-Z0-9-_]{1,200}$</c> — nothing else, not
/// even a trailing line break (<see cref="ThingValidationCodes.Required"/> when empty,
/// <see cref="ThingValidationCodes.InvalidId"/> otherwise).</description></item>
/// <item><description>Ids are unique ignoring case: component ids within the thing, property ids and action ids within
/// their component (<see cref="ThingValidationCodes.DuplicateId"/>); reported at each repetition.</description></item>
/// <item><description>Properties and action parameters have a known value type (<see cref="ThingValidationCodes.InvalidType"/>);
/// a property's value, when not empty, matches its type: <c>true</c> or <c>false</c> for
/// <see cref="PropertyValueType.Boolean"/>, a finite invariant-culture number such as <c>42</c>, <c>-1.5</c> or
/// <c>2e3</c> for <see cref="PropertyValueType.Number"/> (<see cref="ThingValidationCodes.InvalidValue"/>).</description></item>
/// <item><description>Action parameter names are not empty and unique within their action ignoring case
/// (<see cref="ThingValidationCodes.Required"/>, <see cref="ThingValidationCodes.DuplicateName"/>); attribute names and
/// capabilities are not empty (<see cref="ThingValidationCodes.Required"/>).</description></item>
/// <item><description>No text, list or list entry is <see langword="null"/>: optional texts are empty strings and absent lists
/// are empty lists (<see cref="ThingValidationCodes.Required"/>), so a valid thing always serializes.</description></item>
/// <item><description>Every text can be encoded as UTF-8, that is, holds no lone surrogate
/// (<see cref="ThingValidationCodes.InvalidUtf8"/>).</description></item>
/// </list>
/// </remarks>
public static partial class ThingValidator
{
    /// <summary>The longest id the platform accepts for a component, property or action.</summary>
    public const int MaxIdLength = 200;

    private const int MaxQuotedLength = 40;

    private const string NullList = "The list is null; use an empty list when there are no entries.";

    /// <summary>Whether <paramref name="id"/> is a valid component, property or action id: 1 to 200 characters of <c>a-z</c>, <c>A-Z</c>, <c>0-9</c>, <c>-</c> and <c>_</c>.</summary>
    /// <param name="id">The id to check.</param>
    /// <returns><see langword="true"/> when the platform accepts the id.</returns>
    public static bool IsValidId([NotNullWhen(true)] string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Checks <paramref name="thing"/> and returns every rule it breaks.</summary>
    /// <param name="thing">The thing to check.</param>
    /// <returns>The broken rules, in the order they appear in the thing; empty when the thing is valid.</returns>
    public static IReadOnlyList<ThingValidationError> Validate(Thing thing)
    {
        ArgumentNullException.ThrowIfNull(thing);
        var errors = new List<ThingValidationError>();

        CheckText(errors, "id", thing.Id);
        CheckText(errors, "name", thing.Name);
        CheckText(errors, "manufacturer", thing.Manufacturer);
        CheckRequiredText(errors, "displayType", thing.DisplayType, "Set the thing's display type, for example 'core.LIGHT'.");
        CheckMainComponent(errors, thing);

        if (thing.Status is not (ThingStatus.Available or ThingStatus.Unavailable))
        {
            errors.Add(new("status", ThingValidationCodes.InvalidStatus, $"The thing's status must be AVAILABLE or UNAVAILABLE, not {thing.Status.ToString().ToUpperInvariant()}."));
        }

        CheckAttributes(errors, thing.Attributes);
        CheckComponents(errors, thing.Components);
        return errors;
    }

    /// <summary>Checks <paramref name="thing"/> and throws when it breaks any rule.</summary>
    /// <param name="thing">The thing to check.</param>
    /// <exception cref="ThingValidationException">The thing breaks one or more rules; <see cref="ThingValidationException.Errors"/> lists them all.</exception>
    public static void ThrowIfInvalid(Thing thing)
    {
        IReadOnlyList<ThingValidationError> errors = Validate(thing);
        if (errors.Count > 0)
        {
            throw new ThingValidationException(errors);
        }
    }

    private static void CheckMainComponent(List<ThingValidationError> errors, Thing thing)
    {
        const string Path = "mainComponentId";
        string? mainComponentId = thing.MainComponentId;
        if (string.IsNullOrEmpty(mainComponentId))
        {
            errors.Add(new(Path, ThingValidationCodes.Required, "Set the id of the thing's main component."));
            return;
        }

        IEnumerable<Component> components = thing.Components?.Where(component => component is not null) ?? [];
        if (!components.Any(component => string.Equals(component.Id, mainComponentId, StringComparison.Ordinal)))
        {
            Component? nearMiss = components.FirstOrDefault(component => string.Equals(component.Id, mainComponentId, StringComparison.OrdinalIgnoreCase));
            string hint = nearMiss is null ? "" : $" Did you mean {Quote(nearMiss.Id)}? Ids are compared exactly here.";
            errors.Add(new(Path, ThingValidationCodes.UnknownMainComponent, $"The main component id {Quote(mainComponentId)} must be the id of one of the thing's components.{hint}"));
        }
    }

    private static void CheckAttributes(List<ThingValidationError> errors, IReadOnlyList<ThingAttribute>? attributes)
    {
        if (attributes is null)
        {
            errors.Add(new("attributes", ThingValidationCodes.Required, NullList));
            return;
        }

        for (int i = 0; i < attributes.Count; i++)
        {
            string path = $"attributes[{i}]";
            ThingAttribute? attribute = attributes[i];
            if (attribute is null)
            {
                errors.Add(new(path, ThingValidationCodes.Required, "Remove the null attribute."));
                continue;
            }

            CheckRequiredText(errors, path + ".name", attribute.Name, "Give the attribute a name.");
            CheckText(errors, path + ".value", attribute.Value);
        }
    }

    private static void CheckComponents(List<ThingValidationError> errors, IReadOnlyList<Component>? components)
    {
        if (components is null || components.Count == 0)
        {
            errors.Add(new("components", ThingValidationCodes.NoComponents, "Add at least one component to the thing."));
            return;
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < components.Count; i++)
        {
            string path = $"components[{i}]";
            Component? component = components[i];
            if (component is null)
            {
                errors.Add(new(path, ThingValidationCodes.Required, "Remove the null component."));
                continue;
            }

            CheckId(errors, path + ".id", component.Id, "component", "thing", ids);
            CheckComponent(errors, path, component);
        }
    }

    private static void CheckComponent(List<ThingValidationError> errors, string path, Component component)
    {
        CheckText(errors, path + ".name", component.Name);
        CheckRequiredText(errors, path + ".componentType", component.ComponentType, "Set the component's type, for example 'core.Lamp'.");

        IReadOnlyList<string> capabilities = ListOrEmpty(errors, path + ".capabilities", component.Capabilities);
        for (int i = 0; i < capabilities.Count; i++)
        {
            CheckRequiredText(errors, $"{path}.capabilities[{i}]", capabilities[i], "Remove the empty capability, or name it, for example 'core.SWITCHABLE'.");
        }

        IReadOnlyList<ThingProperty> properties = ListOrEmpty(errors, path + ".properties", component.Properties);
        IReadOnlyList<ThingAction> actions = ListOrEmpty(errors, path + ".actions", component.Actions);
        if (properties.Count == 0 && actions.Count == 0)
        {
            errors.Add(new(path, ThingValidationCodes.EmptyComponent, "Add at least one property or action to the component."));
        }

        var propertyIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < properties.Count; i++)
        {
            string propertyPath = $"{path}.properties[{i}]";
            ThingProperty? property = properties[i];
            if (property is null)
            {
                errors.Add(new(propertyPath, ThingValidationCodes.Required, "Remove the null property."));
                continue;
            }

            CheckId(errors, propertyPath + ".id", property.Id, "property", "component", propertyIds);
            CheckProperty(errors, propertyPath, property);
        }

        var actionIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < actions.Count; i++)
        {
            string actionPath = $"{path}.actions[{i}]";
            ThingAction? action = actions[i];
            if (action is null)
            {
                errors.Add(new(actionPath, ThingValidationCodes.Required, "Remove the null action."));
                continue;
            }

            CheckId(errors, actionPath + ".id", action.Id, "action", "component", actionIds);
            CheckAction(errors, actionPath, action);
        }
    }

    private static void CheckProperty(List<ThingValidationError> errors, string path, ThingProperty property)
    {
        CheckText(errors, path + ".name", property.Name);
        bool valueIsText = CheckText(errors, path + ".value", property.Value);
        CheckText(errors, path + ".unit", property.Unit);
        bool typeIsKnown = CheckType(errors, path + ".type", property.Type);
        CheckText(errors, path + ".propertyType", property.PropertyType);

        string? value = property.Value;
        if (valueIsText && typeIsKnown && !string.IsNullOrEmpty(value) && !IsValidValue(value, property.Type))
        {
            string expected = property.Type == PropertyValueType.Boolean
                ? "'true' or 'false'"
                : "a finite number written with a '.' decimal point, such as '42', '-1.5' or '2e3'";
            errors.Add(new(path + ".value", ThingValidationCodes.InvalidValue, $"The value {Quote(value)} of a {property.Type.ToString().ToUpperInvariant()} property must be {expected}, or empty."));
        }
    }

    private static void CheckAction(List<ThingValidationError> errors, string path, ThingAction action)
    {
        CheckText(errors, path + ".name", action.Name);

        IReadOnlyList<ActionParameter> parameters = ListOrEmpty(errors, path + ".parameters", action.Parameters);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < parameters.Count; i++)
        {
            string parameterPath = $"{path}.parameters[{i}]";
            ActionParameter? parameter = parameters[i];
            if (parameter is null)
            {
                errors.Add(new(parameterPath, ThingValidationCodes.Required, "Remove the null parameter."));
                continue;
            }

            if (CheckRequiredText(errors, parameterPath + ".name", parameter.Name, "Give the action parameter a name.") && !names.Add(parameter.Name))
            {
                errors.Add(new(parameterPath + ".name", ThingValidationCodes.DuplicateName, $"The parameter name {Quote(parameter.Name)} is used twice in this action (ignoring case); give each parameter its own name."));
            }

            CheckType(errors, parameterPath + ".type", parameter.Type);
        }
    }

    private static void CheckId(List<ThingValidationError> errors, string path, string? id, string kind, string scope, HashSet<string> seen)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(new(path, ThingValidationCodes.Required, $"Set the {kind}'s id."));
        }
        else if (!IdPattern().IsMatch(id))
        {
            errors.Add(new(path, ThingValidationCodes.InvalidId, $"The {kind} id {Quote(id)} must be 1 to {MaxIdLength} characters, each a letter a-z or A-Z, a digit 0-9, '-' or '_'."));
        }
        else if (!seen.Add(id))
        {
            errors.Add(new(path, ThingValidationCodes.DuplicateId, $"The {kind} id {Quote(id)} is used twice in this {scope} (ignoring case); give each {kind} its own id."));
        }
    }

    private static IReadOnlyList<T> ListOrEmpty<T>(List<ThingValidationError> errors, string path, IReadOnlyList<T>? list)
    {
        if (list is null)
        {
            errors.Add(new(path, ThingValidationCodes.Required, NullList));
            return [];
        }

        return list;
    }

    private static bool CheckType(List<ThingValidationError> errors, string path, PropertyValueType type)
    {
        if (type is PropertyValueType.String or PropertyValueType.Number or PropertyValueType.Boolean)
        {
            return true;
        }

        errors.Add(new(path, ThingValidationCodes.InvalidType, $"The value type must be STRING, NUMBER or BOOLEAN, not {type.ToString().ToUpperInvariant()}."));
        return false;
    }

    private static bool CheckRequiredText(List<ThingValidationError> errors, string path, [NotNullWhen(true)] string? text, string whatToDo)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new(path, ThingValidationCodes.Required, whatToDo));
            return false;
        }

        return CheckText(errors, path, text);
    }

    private static bool CheckText(List<ThingValidationError> errors, string path, [NotNullWhen(true)] string? text)
    {
        if (text is null)
        {
            errors.Add(new(path, ThingValidationCodes.Required, "The text is null; use an empty string when there is none."));
            return false;
        }

        if (IsValidUtf16(text))
        {
            return true;
        }

        errors.Add(new(path, ThingValidationCodes.InvalidUtf8, "The text holds a lone UTF-16 surrogate and cannot be sent as UTF-8; remove or repair the broken character."));
        return false;
    }

    private static bool IsValidValue(string value, PropertyValueType type) => type switch
    {
        PropertyValueType.Boolean => value is "true" or "false",
        PropertyValueType.Number => double.TryParse(
                value,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture,
                out double number)
            && double.IsFinite(number),
        _ => true,
    };

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16: every surrogate is part of a pair, so it encodes to UTF-8 without loss.</summary>
    private static bool IsValidUtf16(ReadOnlySpan<char> text)
    {
        int index = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (index < 0)
        {
            return true;
        }

        for (int i = index; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shows a value in a message: quoted, cut after <see cref="MaxQuotedLength"/> characters, never with a broken character.</summary>
    private static string Quote(string text)
    {
        if (!IsValidUtf16(text))
        {
            return "(with a broken character)";
        }

        if (text.Length <= MaxQuotedLength)
        {
            return $"'{text}'";
        }

        int cut = char.IsHighSurrogate(text[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return $"'{text[..cut]}…' ({text.Length} characters)";
    }

    // \z, not $: in .NET '$' also matches before a final '\n', which would let "abc\n" through.
    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,200}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
