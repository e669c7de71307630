namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// Gives <see cref="ManagementClient"/> a token for each call. Implementations must be thread-safe. The SDK has
/// <see cref="DeveloperLoginTokenProvider"/> (email and password), <see cref="ClientCredentialsTokenProvider"/>
/// (OAuth2 client credentials) and <see cref="StaticManagementTokenProvider"/> (a token obtained elsewhere); derive
/// from <see cref="CachingManagementTokenProvider"/> for another way of getting tokens.
/// </summary>
public abstract class ManagementTokenProvider
{
    /// <summary>Returns a token that is valid now.</summary>
    /// <param name="cancellationToken">Stops waiting for the token.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ManagementException">No token could be obtained (<see cref="ManagementAuthenticationException"/> when the credentials were refused).</exception>
    public abstract ValueTask<ManagementToken> GetTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the provider the API refused <paramref name="token"/> (401), so a caching provider fetches a new one on
    /// the next call. Does nothing by default.
    /// </summary>
    /// <param name="token">The refused token.</param>
    public virtual void Invalidate(ManagementToken token)
    {
    }

    /// <summary>Whether <see cref="Invalidate"/> followed by <see cref="GetTokenAsync"/> can give a different token, so a refused call is worth one more try.</summary>
    public virtual bool CanRenew => false;
}
