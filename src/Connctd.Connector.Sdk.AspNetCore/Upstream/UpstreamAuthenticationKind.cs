namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>How an upstream API authenticates its callers (the auth types of the connector template, seed 003).</summary>
public enum UpstreamAuthenticationKind
{
    /// <summary>A public API: no credentials are sent.</summary>
    None = 0,

    /// <summary>
    /// An API key in a header or a query parameter (<see cref="UpstreamAuthenticationOptions.ApiKeyName"/>,
    /// <see cref="UpstreamAuthenticationOptions.ApiKeyLocation"/>), with an optional prefix.
    /// </summary>
    ApiKey = 1,

    /// <summary>HTTP Basic authentication with a user name and a password.</summary>
    Basic = 2,

    /// <summary>A static bearer token: <c>Authorization: Bearer …</c>.</summary>
    BearerToken = 3,

    /// <summary>
    /// OAuth2 client credentials: a token is fetched from the token endpoint with the client id and secret, cached,
    /// and refreshed before it expires (one refresh at a time), then sent as a bearer token.
    /// </summary>
    OAuth2ClientCredentials = 4,
}
