using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Configuration;

/// <summary>
/// One configuration parameter of a connector publication: asked of the app owner when installing (a configuration
/// parameter) or of the app for each end customer when instantiating (a customer configuration parameter). Declare
/// the parameters once, in a <see cref="ConnectorConfigurationSchema"/>; the same declaration validates incoming
/// values and produces the publication manifest.
/// </summary>
/// <example>
/// <code>
/// ConfigurationParameter.Password("apiKey", "API key") with { Required = true, ValidationExpression = "^[A-Za-z0-9]{32}$" }
/// </code>
/// </example>
public sealed record ConfigurationParameter
{
    /// <summary>Creates a parameter; set the other properties here, with an object initializer, or with <c>with</c>.</summary>
    /// <param name="id">The parameter's id, the key of its value in callbacks.</param>
    /// <param name="name">The name shown to whoever fills it in.</param>
    /// <param name="valueType">How the value must parse; <see cref="ConfigurationValueType.String"/> by default.</param>
    /// <param name="required">Whether a value must be given.</param>
    /// <param name="description">A description shown next to the parameter.</param>
    /// <param name="displayType">How the parameter is shown; <see cref="ConfigurationDisplayType.Plain"/> by default.</param>
    /// <param name="validationExpression">A regular expression a given value must match; empty for none.</param>
    [JsonConstructor]
    public ConfigurationParameter(
        string id,
        string name,
        ConfigurationValueType valueType = ConfigurationValueType.String,
        bool required = false,
        string description = "",
        ConfigurationDisplayType displayType = ConfigurationDisplayType.Plain,
        string validationExpression = "")
    {
        Id = id;
        Name = name;
        ValueType = valueType;
        Required = required;
        Description = description;
        DisplayType = displayType;
        ValidationExpression = validationExpression;
    }

    /// <summary>The parameter's id, the key of its value in callbacks and in the management API.</summary>
    public string Id { get; init; }

    /// <summary>The name shown to whoever fills it in.</summary>
    public string Name { get; init; }

    /// <summary>Whether a value must be given (an empty value counts as none).</summary>
    public bool Required { get; init; }

    /// <summary>A description shown next to the parameter; empty when there is none.</summary>
    public string Description { get; init; }

    /// <summary>How the value must parse.</summary>
    public ConfigurationValueType ValueType { get; init; }

    /// <summary>How the parameter is shown; values of <see cref="ConfigurationDisplayType.Password"/> parameters are masked in every log.</summary>
    public ConfigurationDisplayType DisplayType { get; init; }

    /// <summary>
    /// A regular expression a given value must match; empty for none. It is searched for in the value, as the
    /// platform's own check does: anchor it (<c>^…$</c>) to match the whole value. Write it in the common subset of
    /// .NET and RE2 syntax (no look-around, no back-references), because the platform checks it as well.
    /// </summary>
    public string ValidationExpression { get; init; }

    /// <summary>Whether values of this parameter are secret and must be masked (any display type but <see cref="ConfigurationDisplayType.Plain"/>).</summary>
    [JsonIgnore]
    public bool IsSecret => DisplayType != ConfigurationDisplayType.Plain;

    /// <summary>Declares a text parameter.</summary>
    /// <param name="id">The parameter's id.</param>
    /// <param name="name">The name shown to whoever fills it in.</param>
    /// <returns>An optional, plain <see cref="ConfigurationValueType.String"/> parameter.</returns>
    public static ConfigurationParameter Text(string id, string name) => new(id, name, ConfigurationValueType.String);

    /// <summary>Declares a number parameter.</summary>
    /// <param name="id">The parameter's id.</param>
    /// <param name="name">The name shown to whoever fills it in.</param>
    /// <returns>An optional, plain <see cref="ConfigurationValueType.Number"/> parameter.</returns>
    public static ConfigurationParameter Number(string id, string name) => new(id, name, ConfigurationValueType.Number);

    /// <summary>Declares a yes/no parameter.</summary>
    /// <param name="id">The parameter's id.</param>
    /// <param name="name">The name shown to whoever fills it in.</param>
    /// <returns>An optional, plain <see cref="ConfigurationValueType.Boolean"/> parameter.</returns>
    public static ConfigurationParameter Boolean(string id, string name) => new(id, name, ConfigurationValueType.Boolean);

    /// <summary>Declares a secret text parameter (a password, an API key): hidden while typed and masked in every log.</summary>
    /// <param name="id">The parameter's id.</param>
    /// <param name="name">The name shown to whoever fills it in.</param>
    /// <returns>An optional <see cref="ConfigurationValueType.String"/> parameter shown as <see cref="ConfigurationDisplayType.Password"/>.</returns>
    public static ConfigurationParameter Password(string id, string name) =>
        new(id, name, ConfigurationValueType.String) { DisplayType = ConfigurationDisplayType.Password };
}
