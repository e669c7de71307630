using System.Text.Json;
using Connctd.Connector.Sdk.Configuration.Internal;

namespace Connctd.Connector.Sdk.Configuration;

/// <summary>
/// What is sent to publish a connector (the management API's <c>publishConnector(connector: ...)</c> input): its
/// listing, its configuration parameters and its three callback URLs. Kept in a JSON file with the same field
/// names (<see cref="Parse"/>, <see cref="ToJson"/>), or built in code from a
/// <see cref="ConnectorConfigurationSchema"/> (<see cref="ConnectorConfigurationSchema.ToManifest"/>).
/// </summary>
/// <example>
/// <code>
/// {
///   "name": "Lamp hub", "description": "Lamps of the ACME hub", "mode": "PRIVATE", "tags": ["light"],
///   "installationCallbackUrl": "https://lamps.example.com/connctd/installations",
///   "instanceCallbackUrl": "https://lamps.example.com/connctd/instances",
///   "actionCallbackUrl": "https://lamps.example.com/connctd/actions",
///   "configurationParameters": [{"id": "apiKey", "name": "API key", "required": true, "valueType": "STRING", "displayType": "PASSWORD"}],
///   "customerConfigurationParameters": []
/// }
/// </code>
/// </example>
public sealed record ConnectorManifest
{
    /// <summary>The connector's name in the store. Required.</summary>
    public string Name { get; init; } = "";

    /// <summary>The address of the connector's logo, if any.</summary>
    public Uri? LogoUrl { get; init; }

    /// <summary>The connector's home page, if any.</summary>
    public Uri? HomeUrl { get; init; }

    /// <summary>What the connector does. Required.</summary>
    public string Description { get; init; } = "";

    /// <summary>What an app owner needs before installing (an account at the vendor, a device); empty when nothing.</summary>
    public string Requirements { get; init; } = "";

    /// <summary>Search tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Who can see and install the connector; <see cref="PublicationMode.Private"/> unless set.</summary>
    public PublicationMode Mode { get; init; } = PublicationMode.Private;

    /// <summary>The parameters asked when the connector is installed.</summary>
    public IReadOnlyList<ConfigurationParameter> ConfigurationParameters { get; init; } = [];

    /// <summary>The parameters asked when an installation is instantiated for an end customer.</summary>
    public IReadOnlyList<ConfigurationParameter> CustomerConfigurationParameters { get; init; } = [];

    /// <summary>Where the platform sends installation callbacks (HTTPS). Required.</summary>
    public Uri? InstallationCallbackUrl { get; init; }

    /// <summary>Where the platform sends instance callbacks (HTTPS). Required.</summary>
    public Uri? InstanceCallbackUrl { get; init; }

    /// <summary>Where the platform sends action callbacks (HTTPS). Required.</summary>
    public Uri? ActionCallbackUrl { get; init; }

    /// <summary>Reads a manifest from JSON. Unknown or misspelt fields are refused, so a typo is not silently lost.</summary>
    /// <param name="json">The JSON text; comments and trailing commas are allowed.</param>
    /// <returns>The manifest; check it with <see cref="Validate"/>.</returns>
    /// <exception cref="FormatException">The text is not a manifest; the message names the line and the JSON path.</exception>
    public static ConnectorManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ManifestDocument)?.ToManifest()
                ?? throw new FormatException("The manifest is the JSON literal null; it must be an object.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The manifest is not valid: {exception.Message}", exception);
        }
    }

    /// <summary>Reads a manifest from a UTF-8 JSON stream (see <see cref="Parse"/>).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest; check it with <see cref="Validate"/>.</returns>
    /// <exception cref="FormatException">The stream does not hold a manifest.</exception>
    public static async Task<ConnectorManifest> LoadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        try
        {
            ManifestDocument? document = await JsonSerializer.DeserializeAsync(utf8Json, ManifestJsonContext.Default.ManifestDocument, cancellationToken).ConfigureAwait(false);
            return document?.ToManifest()
                ?? throw new FormatException("The manifest is the JSON literal null; it must be an object.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The manifest is not valid: {exception.Message}", exception);
        }
    }

    /// <summary>Writes the manifest as indented JSON, in the form <see cref="Parse"/> reads.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(ManifestDocument.From(this), ManifestJsonContext.Default.ManifestDocument);

    /// <summary>
    /// Checks what the platform requires before publishing: a name and a description, three absolute <c>https</c>
    /// callback URLs, a known mode, and valid parameter declarations (ids present and unique per list, names present,
    /// known value and display types, validation expressions that compile).
    /// </summary>
    /// <returns>Every problem found; empty when the manifest can be published.</returns>
    public IReadOnlyList<ManifestProblem> Validate()
    {
        var problems = new List<ManifestProblem>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(new ManifestProblem("name", ManifestProblemCodes.Required, "The publication needs a name."));
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            problems.Add(new ManifestProblem("description", ManifestProblemCodes.Required, "The publication needs a description."));
        }

        if (Mode is not (PublicationMode.Public or PublicationMode.Private or PublicationMode.Unlisted))
        {
            problems.Add(new ManifestProblem("mode", ManifestProblemCodes.Invalid, "The mode must be PUBLIC, PRIVATE or UNLISTED."));
        }

        CheckOptionalUrl(LogoUrl, "logoUrl", problems);
        CheckOptionalUrl(HomeUrl, "homeUrl", problems);
        CheckCallbackUrl(InstallationCallbackUrl, "installationCallbackUrl", problems);
        CheckCallbackUrl(InstanceCallbackUrl, "instanceCallbackUrl", problems);
        CheckCallbackUrl(ActionCallbackUrl, "actionCallbackUrl", problems);

        if (Tags is null || Tags.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new ManifestProblem("tags", ManifestProblemCodes.Invalid, "Tags must not be null or empty."));
        }

        if (ConfigurationParameters is null)
        {
            problems.Add(new ManifestProblem("configurationParameters", ManifestProblemCodes.Required, "Use an empty list when there are no parameters."));
        }
        else
        {
            ParameterChecks.Check(ConfigurationParameters, "configurationParameters", problems);
        }

        if (CustomerConfigurationParameters is null)
        {
            problems.Add(new ManifestProblem("customerConfigurationParameters", ManifestProblemCodes.Required, "Use an empty list when there are no parameters."));
        }
        else
        {
            ParameterChecks.Check(CustomerConfigurationParameters, "customerConfigurationParameters", problems);
        }

        return problems;
    }

    /// <summary>Builds the configuration schema the manifest declares, to validate incoming configuration with.</summary>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">A parameter declaration is invalid (<see cref="Validate"/> says which).</exception>
    public ConnectorConfigurationSchema GetSchema() => new(ConfigurationParameters, CustomerConfigurationParameters);

    private static void CheckOptionalUrl(Uri? url, string path, List<ManifestProblem> problems)
    {
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add(new ManifestProblem(path, ManifestProblemCodes.Invalid, "Must be an absolute http(s) URL when given."));
        }
    }

    private static void CheckCallbackUrl(Uri? url, string path, List<ManifestProblem> problems)
    {
        if (url is null || string.IsNullOrWhiteSpace(url.OriginalString))
        {
            problems.Add(new ManifestProblem(path, ManifestProblemCodes.Required, "The platform needs this callback URL."));
        }
        else if (!url.IsAbsoluteUri)
        {
            problems.Add(new ManifestProblem(path, ManifestProblemCodes.Invalid, "Must be an absolute URL, such as https://connector.example.com/connctd/installations."));
        }
        else if (url.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add(new ManifestProblem(path, ManifestProblemCodes.NotHttps, "The platform calls connectors over HTTPS only."));
        }
    }
}
