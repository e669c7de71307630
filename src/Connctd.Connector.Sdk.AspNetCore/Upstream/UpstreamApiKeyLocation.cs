namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Where an API key travels.</summary>
public enum UpstreamApiKeyLocation
{
    /// <summary>In a request header named <see cref="UpstreamAuthenticationOptions.ApiKeyName"/>.</summary>
    Header = 0,

    /// <summary>
    /// In a query parameter named <see cref="UpstreamAuthenticationOptions.ApiKeyName"/>. The SDK never logs request
    /// addresses, but proxies and the upstream's own logs may: prefer a header where the API allows it.
    /// </summary>
    Query = 1,
}
