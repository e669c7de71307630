namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// How the client gets a service token: either the OAuth2 client-credentials grant with <see cref="ClientId"/> and
/// <see cref="ClientSecret"/> (cached and renewed before it expires), or a ready <see cref="Token"/>. Leave all empty
/// when no service calls are made.
/// </summary>
public sealed class ServiceCredentialsOptions
{
    /// <summary>The app's client id (also called app id).</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret (a secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes to ask for; none by default (the platform grants the client's default scopes).</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>A service token obtained elsewhere (a secret); used as it is, never renewed. Takes precedence over the grant.</summary>
    public string? Token { get; set; }

    /// <summary>Whether any way to get a service token is configured.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(Token) || (!string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret));
}
