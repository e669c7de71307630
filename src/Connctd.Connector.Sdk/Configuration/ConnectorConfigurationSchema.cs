namespace Connctd.Connector.Sdk.Configuration;

/// <summary>
/// A connector's configuration, declared once in code: the parameters asked when the connector is installed
/// (<see cref="Installation"/>, the publication's <c>configurationParameters</c>) and when an installation is
/// instantiated for an end customer (<see cref="Instance"/>, the publication's <c>customerConfigurationParameters</c>).
/// The same declaration validates incoming configuration, masks secret values for logs, and produces the
/// publication manifest (<see cref="ToManifest"/>). Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var schema = new ConnectorConfigurationSchema(
///     installation: [ConfigurationParameter.Password("apiKey", "API key") with { Required = true }],
///     instance: [ConfigurationParameter.Text("room", "Room") with { ValidationExpression = "^[a-z]+$" }]);
/// IReadOnlyList&lt;ConfigurationViolation&gt; violations = schema.Installation.Validate(request.Configuration);
/// </code>
/// </example>
public sealed class ConnectorConfigurationSchema
{
    /// <summary>Declares the configuration parameters.</summary>
    /// <param name="installation">The parameters asked at installation; none when <see langword="null"/>.</param>
    /// <param name="instance">The parameters asked at instantiation; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A declaration is invalid (see <see cref="ConfigurationParameterSet(IEnumerable{ConfigurationParameter})"/>).</exception>
    public ConnectorConfigurationSchema(IEnumerable<ConfigurationParameter>? installation = null, IEnumerable<ConfigurationParameter>? instance = null)
    {
        Installation = installation is null ? ConfigurationParameterSet.Empty : new ConfigurationParameterSet(installation);
        Instance = instance is null ? ConfigurationParameterSet.Empty : new ConfigurationParameterSet(instance);
    }

    /// <summary>A schema without parameters.</summary>
    public static ConnectorConfigurationSchema Empty { get; } = new();

    /// <summary>The parameters asked when the connector is installed (the publication's configuration parameters).</summary>
    public ConfigurationParameterSet Installation { get; }

    /// <summary>The parameters asked when an installation is instantiated (the publication's customer configuration parameters).</summary>
    public ConfigurationParameterSet Instance { get; }

    /// <summary>Returns the manifest with this schema's parameters as its configuration and customer configuration parameters.</summary>
    /// <param name="publication">The rest of the publication: name, description, callback URLs and so on.</param>
    /// <returns>A copy of <paramref name="publication"/> with the parameters set.</returns>
    public ConnectorManifest ToManifest(ConnectorManifest publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        return publication with
        {
            ConfigurationParameters = Installation.ToArray(),
            CustomerConfigurationParameters = Instance.ToArray(),
        };
    }
}
