using System.Net.Http.Headers;
using System.Text;
using Connctd.Connector.Sdk.Management.Internal;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// Gets a service token with the OAuth2 client-credentials grant (RFC 6749, section 4.4): <c>POST</c> to
/// <see cref="ManagementClientOptions.TokenUrl"/> with HTTP Basic authentication of client id and secret and the form
/// body <c>grant_type=client_credentials&amp;scope=…</c>; caches the token and asks again shortly before it expires
/// (see <see cref="CachingManagementTokenProvider"/>). The lifetime comes from the JWT's <c>exp</c> when the token is
/// a JWT, else from <c>expires_in</c>.
/// </summary>
public sealed class ClientCredentialsTokenProvider : CachingManagementTokenProvider
{
    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _tokenUrl;
    private readonly string _clientSecret;
    private readonly string _basic;
    private readonly string? _scope;

    /// <summary>Creates a provider that asks for tokens through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client to send the token requests with; its timeout applies.</param>
    /// <param name="options">The token URL, <see cref="ServiceCredentialsOptions.ClientId"/>, <see cref="ServiceCredentialsOptions.ClientSecret"/> and <see cref="ServiceCredentialsOptions.Scopes"/>, and the refresh settings; read once, here.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where to log; never the secret or the token.</param>
    /// <exception cref="ArgumentException">The client id or secret is missing.</exception>
    public ClientCredentialsTokenProvider(HttpClient httpClient, ManagementClientOptions options, TimeProvider? timeProvider = null, ILogger<ClientCredentialsTokenProvider>? logger = null)
        : this(Wrap(httpClient), options, timeProvider, logger)
    {
    }

    internal ClientCredentialsTokenProvider(Func<HttpClient> httpClient, ManagementClientOptions options, TimeProvider? timeProvider, ILogger? logger)
        : base(Checked(options).RefreshMargin, options.DefaultTokenLifetime, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options.TokenUrl);
        ArgumentException.ThrowIfNullOrEmpty(options.Service?.ClientId, "options.Service.ClientId");
        ArgumentException.ThrowIfNullOrEmpty(options.Service.ClientSecret, "options.Service.ClientSecret");
        _httpClient = httpClient;
        _tokenUrl = options.TokenUrl;
        _clientSecret = options.Service.ClientSecret;
        // RFC 6749, section 2.3.1: both parts form-encoded before they are joined and Base64-encoded.
        _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Uri.EscapeDataString(options.Service.ClientId) + ":" + Uri.EscapeDataString(options.Service.ClientSecret)));
        string[] scopes = options.Service.Scopes.Where(scope => !string.IsNullOrWhiteSpace(scope)).Select(scope => scope.Trim()).ToArray();
        _scope = scopes.Length == 0 ? null : string.Join(' ', scopes);
    }

    /// <inheritdoc />
    protected override string Operation => "ClientCredentials";

    /// <inheritdoc />
    protected override async Task<ManagementToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (_scope is not null)
        {
            form.Add(new("scope", _scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl)
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);
        return await TokenEndpoint.RequestAsync(_httpClient(), request, Operation, TimeProvider, Logger, [_clientSecret, _basic], cancellationToken).ConfigureAwait(false);
    }

    private static ManagementClientOptions Checked(ManagementClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    private static Func<HttpClient> Wrap(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }
}
