namespace Connctd.Connector.Sdk.Management;

/// <summary>Gives the same token, obtained elsewhere, for every call; it is never renewed.</summary>
public sealed class StaticManagementTokenProvider : ManagementTokenProvider
{
    private readonly ManagementToken _token;

    /// <summary>Creates a provider for a raw token.</summary>
    /// <param name="token">The raw developer or service token (a secret).</param>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null, empty or whitespace.</exception>
    public StaticManagementTokenProvider(string token)
    {
        _token = new ManagementToken(token);
    }

    /// <inheritdoc />
    public override ValueTask<ManagementToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_token);
    }
}
