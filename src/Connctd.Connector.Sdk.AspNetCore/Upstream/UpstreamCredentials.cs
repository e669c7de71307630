using Connctd.Connector.Sdk.AspNetCore.Upstream;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The credentials of one tenant (installation or instance) for an upstream API. Immutable; every
/// <see cref="UpstreamApiClient"/> carries its own, so tenants never share a mutable client or header.
/// <see cref="ToString"/> names the kind only, never a secret.
/// </summary>
/// <remarks>
/// Usually derived from the configuration values by <see cref="IUpstreamApiClientFactory"/> through the mapping in
/// <see cref="UpstreamAuthenticationOptions"/> (for example <see cref="UpstreamAuthenticationOptions.ApiKeyFrom"/>);
/// create them by hand when a connector keeps credentials elsewhere (for example after an OAuth consent step).
/// </remarks>
public sealed class UpstreamCredentials
{
    private UpstreamCredentials(UpstreamAuthenticationKind kind, string? identity, string? secret, Uri? tokenUrl)
    {
        Kind = kind;
        Identity = identity;
        Secret = secret;
        TokenUrl = tokenUrl;
    }

    /// <summary>No credentials.</summary>
    public static UpstreamCredentials None { get; } = new(UpstreamAuthenticationKind.None, null, null, null);

    /// <summary>The kind of credentials, which decides how they are sent.</summary>
    public UpstreamAuthenticationKind Kind { get; }

    /// <summary>The user name or client id; not secret.</summary>
    internal string? Identity { get; }

    /// <summary>The API key, password, bearer token or client secret.</summary>
    internal string? Secret { get; }

    /// <summary>The OAuth2 token endpoint, when it came with the credentials rather than the options.</summary>
    internal Uri? TokenUrl { get; }

    /// <summary>An API key, sent as <see cref="UpstreamAuthenticationOptions"/> say (header or query, with prefix).</summary>
    /// <param name="apiKey">The key.</param>
    /// <returns>The credentials.</returns>
    public static UpstreamCredentials ApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        return new(UpstreamAuthenticationKind.ApiKey, null, apiKey, null);
    }

    /// <summary>HTTP Basic credentials.</summary>
    /// <param name="username">The user name; must not contain a colon.</param>
    /// <param name="password">The password.</param>
    /// <returns>The credentials.</returns>
    public static UpstreamCredentials Basic(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        if (username.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic user name must not contain a colon.", nameof(username));
        }

        return new(UpstreamAuthenticationKind.Basic, username, password, null);
    }

    /// <summary>A static bearer token.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The credentials.</returns>
    public static UpstreamCredentials BearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new(UpstreamAuthenticationKind.BearerToken, null, token, null);
    }

    /// <summary>OAuth2 client credentials.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="tokenUrl">The token endpoint; <see cref="UpstreamAuthenticationOptions.TokenUrl"/> when <see langword="null"/>.</param>
    /// <returns>The credentials.</returns>
    public static UpstreamCredentials ClientCredentials(string clientId, string clientSecret, Uri? tokenUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        if (tokenUrl is not null && UpstreamUrls.Check(tokenUrl) is { } problem)
        {
            throw new ArgumentException($"The token endpoint {problem}", nameof(tokenUrl));
        }

        return new(UpstreamAuthenticationKind.OAuth2ClientCredentials, clientId, clientSecret, tokenUrl);
    }

    /// <summary>
    /// Reads the credentials for <paramref name="authentication"/>'s kind from configuration values: the instance's
    /// values first, then the installation's, so a parameter may live on either.
    /// </summary>
    /// <param name="authentication">Which kind, and which parameter ids hold the values.</param>
    /// <param name="installation">The installation's configuration values.</param>
    /// <param name="instance">The instance's configuration values, when the call is made for an instance.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="UpstreamApiException">A required value is missing or empty (<see cref="UpstreamErrorCodes.MissingCredentials"/>).</exception>
    public static UpstreamCredentials FromConfiguration(
        UpstreamAuthenticationOptions authentication, ConfigurationValues installation, ConfigurationValues? instance = null)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(installation);

        string Read(string? parameterId)
        {
            string? value = null;
            if (!string.IsNullOrEmpty(parameterId))
            {
                value = Clear(instance, parameterId) is { Length: > 0 } fromInstance ? fromInstance : Clear(installation, parameterId);
            }

            return string.IsNullOrEmpty(value)
                ? throw new UpstreamApiException("", 0, UpstreamErrorCodes.MissingCredentials, isTransient: false)
                : value;
        }

        switch (authentication.Kind)
        {
            case UpstreamAuthenticationKind.ApiKey:
                return ApiKey(Read(authentication.ApiKeyFrom));
            case UpstreamAuthenticationKind.Basic:
                return Basic(Read(authentication.UsernameFrom), Read(authentication.PasswordFrom));
            case UpstreamAuthenticationKind.BearerToken:
                return BearerToken(Read(authentication.TokenFrom));
            case UpstreamAuthenticationKind.OAuth2ClientCredentials:
                Uri? tokenUrl = null;
                if (!string.IsNullOrEmpty(authentication.TokenUrlFrom) &&
                    (Clear(instance, authentication.TokenUrlFrom) ?? Clear(installation, authentication.TokenUrlFrom)) is { Length: > 0 } text)
                {
                    if (!Uri.TryCreate(text, UriKind.Absolute, out tokenUrl) || UpstreamUrls.Check(tokenUrl) is not null)
                    {
                        throw new UpstreamApiException("", 0, UpstreamErrorCodes.MissingCredentials, isTransient: false);
                    }
                }

                return ClientCredentials(Read(authentication.ClientIdFrom), Read(authentication.ClientSecretFrom), tokenUrl);
            default:
                return None;
        }
    }

    // Credentials are what secret configuration values are for: read in clear, on purpose.
    private static string? Clear(ConfigurationValues? values, string id) =>
        values is not null && values.TryGetSecret(id, out string? value) ? value : null;

    /// <summary>Names the kind only.</summary>
    /// <returns>For example <c>UpstreamCredentials(ApiKey)</c>.</returns>
    public override string ToString() => $"UpstreamCredentials({Kind})";
}
