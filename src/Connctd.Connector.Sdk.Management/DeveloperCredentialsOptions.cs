namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// How the client gets a developer token: either a login with <see cref="Email"/> and <see cref="Password"/> (the
/// token is cached and renewed before it expires), or a ready <see cref="Token"/>. Leave all empty when no developer
/// calls are made.
/// </summary>
public sealed class DeveloperCredentialsOptions
{
    /// <summary>The developer account's email address.</summary>
    public string? Email { get; set; }

    /// <summary>The developer account's password (a secret).</summary>
    public string? Password { get; set; }

    /// <summary>A developer token obtained elsewhere (a secret); used as it is, never renewed. Takes precedence over the login.</summary>
    public string? Token { get; set; }

    /// <summary>Whether any way to get a developer token is configured.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(Token) || (!string.IsNullOrEmpty(Email) && !string.IsNullOrEmpty(Password));
}
