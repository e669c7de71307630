using System.Net.Http.Headers;
using System.Text.Json;
using Connctd.Connector.Sdk.Management.Internal;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// Gets a developer token by logging in with email and password (<c>POST</c> of
/// <c>{"email":"…","password":"…"}</c> to <see cref="ManagementClientOptions.LoginUrl"/>), caches it and logs in
/// again shortly before it expires (see <see cref="CachingManagementTokenProvider"/>). The answer's token is read from
/// <c>access_token</c>, <c>token</c>, <c>accessToken</c> or <c>jwt</c>, or from a bare JSON string; its lifetime from
/// the JWT's <c>exp</c>, else <c>expires_in</c>.
/// </summary>
public sealed class DeveloperLoginTokenProvider : CachingManagementTokenProvider
{
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _loginUrl;
    private readonly string _email;
    private readonly string _password;

    /// <summary>Creates a provider that logs in through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client to send the login with; its timeout applies.</param>
    /// <param name="options">The login URL, <see cref="DeveloperCredentialsOptions.Email"/> and <see cref="DeveloperCredentialsOptions.Password"/>, and the refresh settings; read once, here.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where to log; never the password or the token.</param>
    /// <exception cref="ArgumentException">The email or the password is missing.</exception>
    public DeveloperLoginTokenProvider(HttpClient httpClient, ManagementClientOptions options, TimeProvider? timeProvider = null, ILogger<DeveloperLoginTokenProvider>? logger = null)
        : this(Wrap(httpClient), options, timeProvider, logger)
    {
    }

    internal DeveloperLoginTokenProvider(Func<HttpClient> httpClient, ManagementClientOptions options, TimeProvider? timeProvider, ILogger? logger)
        : base(Checked(options).RefreshMargin, options.DefaultTokenLifetime, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options.LoginUrl);
        ArgumentException.ThrowIfNullOrEmpty(options.Developer?.Email, "options.Developer.Email");
        ArgumentException.ThrowIfNullOrEmpty(options.Developer.Password, "options.Developer.Password");
        _httpClient = httpClient;
        _loginUrl = options.LoginUrl;
        _email = options.Developer.Email;
        _password = options.Developer.Password;
    }

    /// <inheritdoc />
    protected override string Operation => "Login";

    /// <inheritdoc />
    protected override async Task<ManagementToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("email", _email);
            writer.WriteString("password", _password);
            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _loginUrl)
        {
            Content = new ByteArrayContent(buffer.ToArray()),
        };
        request.Content.Headers.ContentType = JsonContentType;
        return await TokenEndpoint.RequestAsync(_httpClient(), request, Operation, TimeProvider, Logger, [_password, _email], cancellationToken).ConfigureAwait(false);
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
