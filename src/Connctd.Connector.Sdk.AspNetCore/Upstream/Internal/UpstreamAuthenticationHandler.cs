using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>
/// The innermost handler of an upstream API's HTTP client: puts the sending client's credentials on every attempt
/// (so a retry after a token refresh carries the new token). API keys in the query are added by the client itself.
/// </summary>
internal sealed class UpstreamAuthenticationHandler(UpstreamTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(UpstreamRequestKeys.Client, out UpstreamClientContext? client))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        UpstreamCredentials credentials = client.Credentials;
        UpstreamAuthenticationOptions authentication = client.Authentication;
        string? bearer = null;
        switch (credentials.Kind)
        {
            case UpstreamAuthenticationKind.ApiKey when authentication.ApiKeyLocation == UpstreamApiKeyLocation.Header:
                request.Headers.Remove(authentication.ApiKeyName);
                request.Headers.TryAddWithoutValidation(authentication.ApiKeyName, authentication.ApiKeyPrefix + credentials.Secret);
                break;
            case UpstreamAuthenticationKind.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Identity + ":" + credentials.Secret)));
                break;
            case UpstreamAuthenticationKind.BearerToken:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.Secret);
                break;
            case UpstreamAuthenticationKind.OAuth2ClientCredentials:
                bearer = await tokens.GetTokenAsync(client.Key.Api, authentication, credentials, cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                break;
            default:
                break;
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (bearer is not null && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            tokens.Invalidate(client.Key.Api, authentication, credentials, bearer);
        }

        return response;
    }
}
