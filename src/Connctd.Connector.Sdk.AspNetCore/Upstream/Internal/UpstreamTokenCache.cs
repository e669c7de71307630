using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>
/// OAuth2 client-credentials tokens, cached per API, token endpoint, client, secret and scope (so tenants never share
/// one), refreshed before expiry with one refresh at a time. While a refresh runs, other callers keep using the
/// still valid token; once it has expired they wait for the refresh.
/// </summary>
internal sealed class UpstreamTokenCache(IHttpClientFactory httpClients, TimeProvider time, ILogger<UpstreamTokenCache>? logger = null)
{
    /// <summary>The lifetime assumed when the token endpoint does not say (<c>expires_in</c> is optional).</summary>
    internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private const int MaxTokenResponseBytes = 64 * 1024;

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public static string TokenClientName(string api) => $"connctd-upstream-{api}-token";

    /// <summary>Returns a valid access token for the credentials, fetching or refreshing it when needed.</summary>
    public async ValueTask<string> GetTokenAsync(
        string api, UpstreamAuthenticationOptions authentication, UpstreamCredentials credentials, CancellationToken cancellationToken)
    {
        Uri tokenUrl = credentials.TokenUrl ?? authentication.TokenUrl
            ?? throw new UpstreamApiException(api, 0, UpstreamErrorCodes.MissingCredentials, isTransient: false);
        Entry entry = _entries.GetOrAdd(KeyOf(api, tokenUrl, credentials, authentication.Scope), _ => new Entry());

        Token? current = entry.Current;
        DateTimeOffset now = time.GetUtcNow();
        if (current is not null && now < current.RefreshAt)
        {
            return current.Value;
        }

        if (current is not null && now < current.ExpiresAt)
        {
            // In the refresh window: one caller refreshes, the others use the still valid token.
            if (!entry.Gate.Wait(0, CancellationToken.None))
            {
                return current.Value;
            }

            try
            {
                if (!ReferenceEquals(entry.Current, current))
                {
                    return entry.Current!.Value;
                }

                try
                {
                    return (entry.Current = await FetchAsync(api, tokenUrl, authentication, credentials, cancellationToken).ConfigureAwait(false)).Value;
                }
                catch (UpstreamApiException)
                {
                    Log.UpstreamTokenRefreshFailed(_logger, api);
                    return current.Value;
                }
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.Current is { } fresh && time.GetUtcNow() < fresh.ExpiresAt)
            {
                return fresh.Value;
            }

            return (entry.Current = await FetchAsync(api, tokenUrl, authentication, credentials, cancellationToken).ConfigureAwait(false)).Value;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets a token the API refused (401), unless a newer one has replaced it already.</summary>
    public void Invalidate(string api, UpstreamAuthenticationOptions authentication, UpstreamCredentials credentials, string refusedToken)
    {
        Uri? tokenUrl = credentials.TokenUrl ?? authentication.TokenUrl;
        if (tokenUrl is not null &&
            _entries.TryGetValue(KeyOf(api, tokenUrl, credentials, authentication.Scope), out Entry? entry) &&
            entry.Current is { } current &&
            string.Equals(current.Value, refusedToken, StringComparison.Ordinal))
        {
            entry.Current = null;
            Log.UpstreamTokenRefused(_logger, api);
        }
    }

    private async Task<Token> FetchAsync(
        string api, Uri tokenUrl, UpstreamAuthenticationOptions authentication, UpstreamCredentials credentials, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(authentication.Scope))
        {
            form.Add(new("scope", authentication.Scope.Trim()));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (authentication.SendClientCredentialsInBody)
        {
            form.Add(new("client_id", credentials.Identity!));
            form.Add(new("client_secret", credentials.Secret!));
        }
        else
        {
            // RFC 6749 2.3.1: both parts are form-encoded before they are joined and Base64-encoded.
            string pair = Uri.EscapeDataString(credentials.Identity!) + ":" + Uri.EscapeDataString(credentials.Secret!);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        request.Content = new FormUrlEncodedContent(form);
        HttpClient http = httpClients.CreateClient(TokenClientName(api));
        DateTimeOffset requestedAt = time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Log.UpstreamTokenFailed(_logger, api, 0);
            throw new UpstreamApiException(api, 0, UpstreamErrorCodes.AuthenticationFailed, isTransient: true, innerException: exception);
        }

        using (response)
        {
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                Log.UpstreamTokenFailed(_logger, api, status);
                throw new UpstreamApiException(
                    api, status, UpstreamErrorCodes.AuthenticationFailed, HttpTransport.IsTransientStatus(status),
                    HttpTransport.RetryAfterDelay(response, time));
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length <= MaxTokenResponseBytes && Parse(body) is ({ } accessToken, var expiresIn))
            {
                TimeSpan lifetime = expiresIn is { } given && given > TimeSpan.Zero ? given : DefaultLifetime;
                TimeSpan early = authentication.RefreshBeforeExpiry < lifetime / 2 ? authentication.RefreshBeforeExpiry : lifetime / 2;
                Log.UpstreamTokenFetched(_logger, api, (long)lifetime.TotalSeconds);
                return new Token(accessToken, requestedAt + lifetime - early, requestedAt + lifetime);
            }

            Log.UpstreamTokenFailed(_logger, api, status);
            throw new UpstreamApiException(api, status, UpstreamErrorCodes.AuthenticationFailed, isTransient: false);
        }
    }

    /// <summary>Reads <c>access_token</c>, <c>token_type</c> (Bearer when present) and <c>expires_in</c> (number or numeric string).</summary>
    private static (string? AccessToken, TimeSpan? ExpiresIn) Parse(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("access_token", out JsonElement token) || token.ValueKind != JsonValueKind.String ||
                token.GetString() is not { Length: > 0 } accessToken)
            {
                return (null, null);
            }

            if (root.TryGetProperty("token_type", out JsonElement type) &&
                !(type.ValueKind == JsonValueKind.String && string.Equals(type.GetString(), "Bearer", StringComparison.OrdinalIgnoreCase)))
            {
                return (null, null);
            }

            TimeSpan? expiresIn = null;
            if (root.TryGetProperty("expires_in", out JsonElement expires))
            {
                if (expires.ValueKind == JsonValueKind.Number && expires.TryGetInt64(out long seconds) ||
                    expires.ValueKind == JsonValueKind.String && long.TryParse(expires.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
                {
                    expiresIn = TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (long)TimeSpan.FromDays(365).TotalSeconds));
                }
            }

            return (accessToken, expiresIn);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string KeyOf(string api, Uri tokenUrl, UpstreamCredentials credentials, string? scope)
    {
        // The secret is part of the key (a rotated secret gets a new token) only as a hash, so the key holds no secret.
        string secretHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.Secret ?? "")));
        return string.Join('\n', api, tokenUrl.AbsoluteUri, credentials.Identity, secretHash, scope?.Trim() ?? "");
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile Token? Current;
    }

    private sealed record Token(string Value, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt);
}
