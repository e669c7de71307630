namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// How an upstream API authenticates, and which configuration parameters of the installation or instance hold the
/// credentials (the credential schema of seed 003). Bound from <c>Connctd:Upstream:&lt;name&gt;:Authentication</c>.
/// The <c>…From</c> settings name parameter ids; values are looked up in the instance's configuration first, then
/// in the installation's, so each tenant calls the API with its own credentials.
/// </summary>
public sealed class UpstreamAuthenticationOptions
{
    /// <summary>The kind of authentication; <see cref="UpstreamAuthenticationKind.None"/> by default.</summary>
    public UpstreamAuthenticationKind Kind { get; set; } = UpstreamAuthenticationKind.None;

    /// <summary>The header or query parameter that carries the API key; <c>X-API-Key</c> by default.</summary>
    public string ApiKeyName { get; set; } = "X-API-Key";

    /// <summary>Whether the API key travels in a header (the default) or a query parameter.</summary>
    public UpstreamApiKeyLocation ApiKeyLocation { get; set; } = UpstreamApiKeyLocation.Header;

    /// <summary>Put before the key, for example <c>ApiKey </c> or <c>Token </c>; empty by default.</summary>
    public string ApiKeyPrefix { get; set; } = "";

    /// <summary>The configuration parameter that holds the API key; <c>apiKey</c> by default.</summary>
    public string? ApiKeyFrom { get; set; } = "apiKey";

    /// <summary>The configuration parameter that holds the Basic user name; <c>username</c> by default.</summary>
    public string? UsernameFrom { get; set; } = "username";

    /// <summary>The configuration parameter that holds the Basic password; <c>password</c> by default.</summary>
    public string? PasswordFrom { get; set; } = "password";

    /// <summary>The configuration parameter that holds the bearer token; <c>token</c> by default.</summary>
    public string? TokenFrom { get; set; } = "token";

    /// <summary>The configuration parameter that holds the OAuth2 client id; <c>clientId</c> by default.</summary>
    public string? ClientIdFrom { get; set; } = "clientId";

    /// <summary>The configuration parameter that holds the OAuth2 client secret; <c>clientSecret</c> by default.</summary>
    public string? ClientSecretFrom { get; set; } = "clientSecret";

    /// <summary>The OAuth2 token endpoint (absolute http or https), unless <see cref="TokenUrlFrom"/> gives one per tenant.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>The configuration parameter that holds the token endpoint, when each tenant has its own; none by default.</summary>
    public string? TokenUrlFrom { get; set; }

    /// <summary>The scopes to ask for, space separated (for example <c>read write</c>); none by default.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// Whether the client id and secret are sent in the form body rather than as HTTP Basic (the default, as RFC 6749
    /// recommends).
    /// </summary>
    public bool SendClientCredentialsInBody { get; set; }

    /// <summary>
    /// How long before expiry a cached OAuth2 token is refreshed; 60 seconds by default (half the token's lifetime when
    /// that is shorter). While one call refreshes, the others keep using the still valid token.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);
}
