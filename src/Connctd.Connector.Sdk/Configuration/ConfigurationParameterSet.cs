using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Connctd.Connector.Sdk.Configuration.Internal;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Configuration;

/// <summary>
/// The declared configuration parameters of one kind (installation or instance), checked once when created: it
/// validates incoming configuration values and masks secret ones for logs. Immutable and thread-safe.
/// </summary>
public sealed class ConfigurationParameterSet : IReadOnlyList<ConfigurationParameter>
{
    /// <summary>What a masked value is shown as.</summary>
    public const string Mask = "***";

    private readonly ConfigurationParameter[] _parameters;
    private readonly Dictionary<string, int> _indexById;
    private readonly Regex?[] _expressions;

    /// <summary>Checks and keeps a list of parameter declarations.</summary>
    /// <param name="parameters">The declarations, in the order they are shown.</param>
    /// <exception cref="ArgumentException">
    /// A declaration is invalid: an empty or duplicate id, an empty name, an unknown value or display type, or a
    /// validation expression that does not compile. The message lists every problem.
    /// </exception>
    public ConfigurationParameterSet(IEnumerable<ConfigurationParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        var problems = new List<ManifestProblem>();
        ParameterChecks.Check(_parameters, "parameters", problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The configuration parameter declarations are invalid: " + string.Join("; ", problems.Select(problem => problem.ToString())),
                nameof(parameters));
        }

        _indexById = new Dictionary<string, int>(_parameters.Length, StringComparer.Ordinal);
        _expressions = new Regex?[_parameters.Length];
        for (int index = 0; index < _parameters.Length; index++)
        {
            _indexById[_parameters[index].Id] = index;
            if (_parameters[index].ValidationExpression.Length > 0)
            {
                ParameterChecks.TryCompile(_parameters[index].ValidationExpression, out _expressions[index], out _);
            }
        }
    }

    /// <summary>A set without parameters.</summary>
    public static ConfigurationParameterSet Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _parameters.Length;

    /// <inheritdoc />
    public ConfigurationParameter this[int index] => _parameters[index];

    /// <summary>Finds a parameter by id (compared exactly).</summary>
    /// <param name="id">The parameter id.</param>
    /// <returns>The parameter, or <see langword="null"/> when none has this id.</returns>
    public ConfigurationParameter? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _indexById.TryGetValue(id, out int index) ? _parameters[index] : null;
    }

    /// <summary>
    /// Whether values of a parameter must be masked: those of <see cref="ConfigurationDisplayType.Password"/>
    /// parameters, and those of parameters the set does not declare (they might be secret).
    /// </summary>
    /// <param name="id">The parameter id.</param>
    /// <returns><see langword="true"/> unless the parameter is declared <see cref="ConfigurationDisplayType.Plain"/>.</returns>
    public bool IsSecret(string id) => Find(id) is not { IsSecret: false };

    /// <summary>
    /// Checks configuration values against the declarations: every required parameter has a non-empty value, each
    /// given value parses as its parameter's type, matches its validation expression, and is given once. Empty
    /// values of optional parameters are accepted. Values of parameters the set does not declare are otherwise
    /// ignored, but they too must be given only once: a parameter given twice is refused whether it is declared or
    /// not (also by <see cref="Empty"/>, the set of a connector without a schema), as no answer to which value wins
    /// would be right.
    /// </summary>
    /// <param name="values">The values as received (for example <see cref="InstallationRequest.Configuration"/>).</param>
    /// <returns>
    /// Every violation, in declaration order, then the <see cref="ConfigurationViolationCodes.Duplicate"/> violations
    /// of undeclared parameters in the order they first appear; empty when the values are valid. Never shows a value.
    /// </returns>
    public IReadOnlyList<ConfigurationViolation> Validate(IReadOnlyList<ConfigurationValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var given = new string?[_parameters.Length];
        var duplicated = new bool[_parameters.Length];
        HashSet<string>? undeclared = null;
        List<string>? undeclaredDuplicates = null;
        foreach (ConfigurationValue value in values)
        {
            if (value?.Id is null)
            {
                continue;
            }

            if (!_indexById.TryGetValue(value.Id, out int index))
            {
                undeclared ??= new HashSet<string>(StringComparer.Ordinal);
                if (!undeclared.Add(value.Id) && !(undeclaredDuplicates ??= []).Contains(value.Id, StringComparer.Ordinal))
                {
                    undeclaredDuplicates.Add(value.Id);
                }

                continue;
            }

            duplicated[index] |= given[index] is not null;
            given[index] = value.Value ?? "";
        }

        var violations = new List<ConfigurationViolation>();
        for (int index = 0; index < _parameters.Length; index++)
        {
            ConfigurationParameter parameter = _parameters[index];
            if (duplicated[index])
            {
                violations.Add(Violation(parameter, ConfigurationViolationCodes.Duplicate, "is given more than once"));
                continue;
            }

            string? value = given[index];
            if (string.IsNullOrEmpty(value))
            {
                if (parameter.Required)
                {
                    violations.Add(Violation(parameter, ConfigurationViolationCodes.Required, "is required but has no value"));
                }

                continue;
            }

            if (parameter.ValueType == ConfigurationValueType.Number && !IsNumber(value))
            {
                violations.Add(Violation(parameter, ConfigurationViolationCodes.InvalidNumber, "must be a number, such as 42 or 21.5"));
                continue;
            }

            if (parameter.ValueType == ConfigurationValueType.Boolean && !bool.TryParse(value, out _))
            {
                violations.Add(Violation(parameter, ConfigurationViolationCodes.InvalidBoolean, "must be true or false"));
                continue;
            }

            if (_expressions[index] is { } expression)
            {
                try
                {
                    if (!expression.IsMatch(value))
                    {
                        violations.Add(Violation(parameter, ConfigurationViolationCodes.ExpressionMismatch, "does not match its validation expression"));
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    violations.Add(Violation(parameter, ConfigurationViolationCodes.ExpressionTimeout, "could not be checked against its validation expression in time"));
                }
            }
        }

        foreach (string id in undeclaredDuplicates ?? [])
        {
            violations.Add(new ConfigurationViolation(id, ConfigurationViolationCodes.Duplicate, $"Configuration parameter '{id}' is given more than once."));
        }

        return violations;
    }

    /// <summary>Returns the values with every secret one (see <see cref="IsSecret"/>) replaced by <see cref="Mask"/>.</summary>
    /// <param name="values">The values as received.</param>
    /// <returns>The values, in the same order, safe to log.</returns>
    public IReadOnlyList<ConfigurationValue> MaskValues(IEnumerable<ConfigurationValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Select(value => IsSecret(value.Id) ? value with { Value = Mask } : value).ToArray();
    }

    /// <summary>Renders the values for a log line, with every secret one (see <see cref="IsSecret"/>) masked.</summary>
    /// <param name="values">The values as received.</param>
    /// <returns>For example <c>apiKey=***, region=eu-west</c>; empty when there are no values.</returns>
    public string Describe(IEnumerable<ConfigurationValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        foreach (ConfigurationValue value in values)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(value.Id).Append('=').Append(IsSecret(value.Id) ? Mask : value.Value);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public IEnumerator<ConfigurationParameter> GetEnumerator() => ((IEnumerable<ConfigurationParameter>)_parameters).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the parameter ids.</summary>
    /// <returns>For example <c>ConfigurationParameterSet[apiKey, region]</c>.</returns>
    public override string ToString() => $"ConfigurationParameterSet[{string.Join(", ", _parameters.Select(parameter => parameter.Id))}]";

    private static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number);

    private static ConfigurationViolation Violation(ConfigurationParameter parameter, string code, string problem) =>
        new(parameter.Id, code, $"Configuration parameter '{parameter.Name}' ({parameter.Id}) {problem}.");
}
