namespace Connctd.Connector.Sdk.Security;

/// <summary>The token of an installation; authorizes installation-state updates. A secret that never shows in <see cref="object.ToString"/>.</summary>
public sealed class InstallationToken : SecretToken
{
    /// <summary>Wraps a raw installation token.</summary>
    /// <param name="value">The raw token; not empty.</param>
    public InstallationToken(string value)
        : base(value)
    {
    }
}
