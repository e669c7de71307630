using System.Text.RegularExpressions;

namespace Connctd.Connector.Sdk.Configuration.Internal;

/// <summary>Checks a list of configuration parameter declarations and compiles their validation expressions.</summary>
internal static class ParameterChecks
{
    /// <summary>How long matching one value against a validation expression may take before the value is refused.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    public static void Check(IReadOnlyList<ConfigurationParameter?> parameters, string listPath, List<ManifestProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < parameters.Count; index++)
        {
            string path = $"{listPath}[{index}]";
            ConfigurationParameter? parameter = parameters[index];
            if (parameter is null)
            {
                problems.Add(new ManifestProblem(path, ManifestProblemCodes.Required, "The list holds a null entry."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(parameter.Id))
            {
                problems.Add(new ManifestProblem(path + ".id", ManifestProblemCodes.Required, "Every parameter needs an id."));
            }
            else if (!seen.Add(parameter.Id))
            {
                problems.Add(new ManifestProblem(path + ".id", ManifestProblemCodes.Duplicate, $"The id '{parameter.Id}' is used by an earlier parameter of the same list."));
            }

            if (string.IsNullOrWhiteSpace(parameter.Name))
            {
                problems.Add(new ManifestProblem(path + ".name", ManifestProblemCodes.Required, $"Parameter '{parameter.Id}' needs a name to show."));
            }

            if (parameter.ValueType is not (ConfigurationValueType.String or ConfigurationValueType.Number or ConfigurationValueType.Boolean))
            {
                problems.Add(new ManifestProblem(path + ".valueType", ManifestProblemCodes.Invalid, $"Parameter '{parameter.Id}' needs a value type: STRING, NUMBER or BOOLEAN."));
            }

            if (parameter.DisplayType is not (ConfigurationDisplayType.Plain or ConfigurationDisplayType.Password))
            {
                problems.Add(new ManifestProblem(path + ".displayType", ManifestProblemCodes.Invalid, $"Parameter '{parameter.Id}' needs a display type: PLAIN or PASSWORD."));
            }

            if (parameter.Description is null)
            {
                problems.Add(new ManifestProblem(path + ".description", ManifestProblemCodes.Required, $"Parameter '{parameter.Id}' has a null description; use an empty one."));
            }

            if (parameter.ValidationExpression is null)
            {
                problems.Add(new ManifestProblem(path + ".validationExpression", ManifestProblemCodes.Required, $"Parameter '{parameter.Id}' has a null validation expression; use an empty one."));
            }
            else if (parameter.ValidationExpression.Length > 0 && !TryCompile(parameter.ValidationExpression, out _, out string? error))
            {
                problems.Add(new ManifestProblem(path + ".validationExpression", ManifestProblemCodes.Invalid, $"The validation expression of parameter '{parameter.Id}' does not compile: {error}"));
            }
        }
    }

    public static bool TryCompile(string expression, out Regex? regex, out string? error)
    {
        try
        {
            regex = new Regex(expression, RegexOptions.CultureInvariant, MatchTimeout);
            error = null;
            return true;
        }
        catch (ArgumentException exception)
        {
            regex = null;
            error = exception.Message;
            return false;
        }
    }
}
