using System.ComponentModel.DataAnnotations;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// Options of <see cref="ManagementClient"/> and its token providers, bound from configuration (for example the
/// <c>Connctd:Management</c> section) and validated at start-up. Keep the passwords and secrets in user secrets,
/// environment variables or a vault, not in <c>appsettings.json</c>.
/// </summary>
public sealed class ManagementClientOptions
{
    /// <summary>The platform's GraphQL endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.connctd.io/api/v1/query");

    /// <summary>The platform's developer login.</summary>
    public static readonly Uri DefaultLoginUrl = new("https://api.connctd.io/api/v1/auth/login");

    /// <summary>The platform's OAuth2 token endpoint.</summary>
    public static readonly Uri DefaultTokenUrl = new("https://api.connctd.io/oauth2/token");

    /// <summary>The GraphQL endpoint (POST); default <c>https://api.connctd.io/api/v1/query</c>.</summary>
    [Required]
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Where developers log in with email and password; default <c>https://api.connctd.io/api/v1/auth/login</c>.</summary>
    [Required]
    public Uri LoginUrl { get; set; } = DefaultLoginUrl;

    /// <summary>The OAuth2 token endpoint for service tokens; default <c>https://api.connctd.io/oauth2/token</c>.</summary>
    [Required]
    public Uri TokenUrl { get; set; } = DefaultTokenUrl;

    /// <summary>The developer account, for publications and installations.</summary>
    [Required]
    public DeveloperCredentialsOptions Developer { get; set; } = new();

    /// <summary>The app's OAuth2 client, for instances.</summary>
    [Required]
    public ServiceCredentialsOptions Service { get; set; } = new();

    /// <summary>How long one call (or one token request) may take; default 30 seconds, between 1 second and 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long before a token expires a new one is fetched; default 1 minute, at most 1 hour. For a short-lived
    /// token the refresh happens no earlier than half-way through its lifetime.
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a token is used when it tells nothing of its expiry (neither a JWT with <c>exp</c> nor an
    /// <c>expires_in</c> answer); default 5 minutes, between 10 seconds and 1 day.
    /// </summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The GraphQL type of the <c>connector</c> argument of <c>publishConnector</c>; default
    /// <c>ConnectorPublicationInput</c>. The public documentation does not name it: change it if the platform's
    /// schema calls it otherwise.
    /// </summary>
    [Required]
    [RegularExpression("^[_A-Za-z][_0-9A-Za-z]*$")]
    public string PublicationInputType { get; set; } = "ConnectorPublicationInput";

    /// <summary>The GraphQL type of one configuration value; default <c>ConfigurationParameterValueInput</c> (as documented).</summary>
    [Required]
    [RegularExpression("^[_A-Za-z][_0-9A-Za-z]*$")]
    public string ConfigurationInputType { get; set; } = "ConfigurationParameterValueInput";
}
