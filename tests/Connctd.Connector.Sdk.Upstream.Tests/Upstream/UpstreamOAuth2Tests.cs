using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Connctd.Connector.Sdk.Upstream.Tests.Infrastructure.UpstreamServices;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

public sealed class UpstreamOAuth2Tests : IDisposable
{
    private readonly UpstreamStub _stub = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _stub.Dispose();

    private UpstreamServices Services(Action<UpstreamApiOptions>? configure = null) => Create(_stub, options =>
    {
        options.Authentication.Kind = UpstreamAuthenticationKind.OAuth2ClientCredentials;
        options.Authentication.Scope = "read write";
        configure?.Invoke(options);
    }, _time);

    private static Installation Tenant(string id = "inst-1", string secret = "client-secret-1") =>
        Installation(id, ("clientId", "client-" + id), ("clientSecret", secret));

    private async Task CallAsync(UpstreamApiClient client, string path = "things")
    {
        using HttpResponseMessage response = await client.GetAsync(path);
    }

    [Fact]
    public async Task SendAsync_FirstCall_FetchesTokenWithBasicClientAuthAndSendsBearer()
    {
        _stub.IssueTokens();
        using UpstreamServices services = Services();

        await CallAsync(services.Factory.CreateClient("api", Tenant()));

        var token = Assert.Single(_stub.TokenRequests());
        string basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-inst-1:client-secret-1"));
        Assert.Equal(basic, UpstreamStub.Header(token, "Authorization"));
        Assert.Contains("grant_type=client_credentials", token.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("scope=read+write", token.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer token-1", UpstreamStub.Header(Assert.Single(_stub.ApiRequests()), "Authorization"));
    }

    [Fact]
    public async Task SendAsync_CredentialsInBody_SendsThemInTheForm()
    {
        _stub.IssueTokens();
        using UpstreamServices services = Services(options => options.Authentication.SendClientCredentialsInBody = true);

        await CallAsync(services.Factory.CreateClient("api", Tenant()));

        var token = Assert.Single(_stub.TokenRequests());
        Assert.Null(UpstreamStub.Header(token, "Authorization"));
        Assert.Contains("client_id=client-inst-1", token.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("client_secret=client-secret-1", token.RequestMessage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TokenStillFresh_UsesCachedToken()
    {
        _stub.IssueTokens(expiresIn: 3600);
        using UpstreamServices services = Services();

        await CallAsync(services.Factory.CreateClient("api", Tenant()));
        _time.Advance(TimeSpan.FromMinutes(30));
        await CallAsync(services.Factory.CreateClient("api", Tenant()));

        Assert.Single(_stub.TokenRequests());
        Assert.All(_stub.ApiRequests(), entry => Assert.Equal("Bearer token-1", UpstreamStub.Header(entry, "Authorization")));
    }

    [Fact]
    public async Task SendAsync_WithinRefreshWindow_RefreshesBeforeExpiry()
    {
        _stub.IssueTokens(expiresIn: 3600);
        using UpstreamServices services = Services(options => options.Authentication.RefreshBeforeExpiry = TimeSpan.FromMinutes(2));
        UpstreamApiClient client = services.Factory.CreateClient("api", Tenant());

        await CallAsync(client);
        _time.Advance(TimeSpan.FromSeconds(3600 - 100));
        await CallAsync(client);
        await CallAsync(client);

        Assert.Equal(2, _stub.TokenRequests().Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-2"], _stub.ApiRequests().Select(entry => UpstreamStub.Header(entry, "Authorization")));
    }

    [Fact]
    public async Task SendAsync_ConcurrentCallsWithoutToken_FetchOneToken()
    {
        _stub.IssueTokens(delay: TimeSpan.FromMilliseconds(300));
        using UpstreamServices services = Services();
        UpstreamApiClient client = services.Factory.CreateClient("api", Tenant());

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CallAsync(client)));

        Assert.Single(_stub.TokenRequests());
        Assert.Equal(12, _stub.ApiRequests().Count);
    }

    [Fact]
    public async Task SendAsync_TenantsWithOwnSecrets_GetOwnTokens()
    {
        _stub.IssueTokens();
        using UpstreamServices services = Services();

        await CallAsync(services.Factory.CreateClient("api", Tenant("inst-1", "secret-a")), "a");
        await CallAsync(services.Factory.CreateClient("api", Tenant("inst-2", "secret-b")), "b");
        await CallAsync(services.Factory.CreateClient("api", Tenant("inst-1", "secret-a")), "a");

        Assert.Equal(2, _stub.TokenRequests().Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-1"], _stub.ApiRequests().Select(entry => UpstreamStub.Header(entry, "Authorization")));
    }

    [Fact]
    public async Task SendAsync_TokenEndpointRefuses_ThrowsAuthenticationFailed()
    {
        _stub.Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(401));
        using UpstreamServices services = Services();

        var exception = await Assert.ThrowsAsync<UpstreamApiException>(() => CallAsync(services.Factory.CreateClient("api", Tenant())));

        Assert.Equal(UpstreamErrorCodes.AuthenticationFailed, exception.ErrorCode);
        Assert.Equal(401, exception.Status);
        Assert.False(exception.IsTransient);
        Assert.Empty(_stub.ApiRequests());
    }

    [Fact]
    public async Task SendAsync_ApiRefusesToken_NextCallFetchesNewToken()
    {
        _stub.IssueTokens();
        _stub.AnswerStatus(401);
        using UpstreamServices services = Services();
        UpstreamApiClient client = services.Factory.CreateClient("api", Tenant());

        using (HttpResponseMessage refused = await client.GetAsync("things"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        _stub.Recover();
        await CallAsync(client);

        Assert.Equal(2, _stub.TokenRequests().Count);
        Assert.Equal("Bearer token-2", UpstreamStub.Header(_stub.ApiRequests()[^1], "Authorization"));
    }

    [Fact]
    public async Task SendAsync_TokenUrlFromConfiguration_UsesTenantsEndpoint()
    {
        _stub.Server.Given(Request.Create().WithPath("/tenant-token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"tenant-token","expires_in":"600"}"""));
        using UpstreamServices services = Services(options => options.Authentication.TokenUrlFrom = "tokenUrl");
        Installation installation = Installation("inst-1", ("clientId", "c"), ("clientSecret", "s"), ("tokenUrl", $"{_stub.Server.Url}/tenant-token"));

        await CallAsync(services.Factory.CreateClient("api", installation));

        Assert.Equal("Bearer tenant-token", UpstreamStub.Header(Assert.Single(_stub.ApiRequests()), "Authorization"));
        Assert.Empty(_stub.TokenRequests());
    }
}
