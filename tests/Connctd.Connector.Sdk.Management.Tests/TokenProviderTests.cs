using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connctd.Connector.Sdk.Management.Tests;

public sealed class TokenProviderTests : IDisposable
{
    private readonly ManagementTestHost _host = new(stubTokens: false);

    public void Dispose() => _host.Dispose();

    private ManagementTokenProvider Developer => _host.Services.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Developer);

    private ManagementTokenProvider Service => _host.Services.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Service);

    /// <summary>An unsigned JWT whose only claim is <c>exp</c> (the client never validates it, it only reads the expiry).</summary>
    private static string Jwt(DateTimeOffset expires)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("""{"alg":"HS256","typ":"JWT"}""") + "." + Part($$"""{"sub":"dev","exp":{{expires.ToUnixTimeSeconds()}}}""") + ".c2lnbmF0dXJl";
    }

    private void AnswerLogin(string body, int status = 200, int delayMilliseconds = 0)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost())
            .RespondWith(delayMilliseconds > 0 ? response.WithDelay(TimeSpan.FromMilliseconds(delayMilliseconds)) : response);
    }

    private void AnswerToken(string body, int status = 200) =>
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private int LoginCount => _host.Requests(ManagementTestHost.LoginPath).Count;

    [Fact]
    public async Task Login_Credentials_PostsEmailAndPasswordAsJson()
    {
        AnswerLogin("""{"token":"t-1"}""");

        ManagementToken token = await Developer.GetTokenAsync();

        Assert.Equal("t-1", token.Reveal());
        var request = Assert.Single(_host.Requests(ManagementTestHost.LoginPath)).RequestMessage;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"email":"{{ManagementTestHost.Email}}","password":"{{ManagementTestHost.Password}}"}"""), JsonNode.Parse(request.Body!)));
        Assert.StartsWith("application/json", Assert.Single(request.Headers!["Content-Type"]), StringComparison.Ordinal);
        Assert.DoesNotContain("t-1", token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"access_token":"t-2"}""")]
    [InlineData("""{"accessToken":"t-2"}""")]
    [InlineData("""{"jwt":"t-2"}""")]
    [InlineData("\"t-2\"")]
    public async Task Login_TokenField_IsRead(string body)
    {
        AnswerLogin(body);

        Assert.Equal("t-2", (await Developer.GetTokenAsync()).Reveal());
    }

    [Fact]
    public async Task ClientCredentials_Request_UsesBasicAuthFormBodyAndScopes()
    {
        using var host = new ManagementTestHost(options => { options.Service.Scopes.Add("connectors"); options.Service.Scopes.Add("things:read"); }, stubTokens: false);
        host.Server.Given(Request.Create().WithPath(ManagementTestHost.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"svc-1","expires_in":120,"token_type":"Bearer"}"""));

        ManagementToken token = await host.Services.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Service).GetTokenAsync();

        Assert.Equal("svc-1", token.Reveal());
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(120), token.ExpiresAt);
        var request = Assert.Single(host.Requests(ManagementTestHost.TokenPath)).RequestMessage;
        string expectedBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ManagementTestHost.ClientId + ":" + ManagementTestHost.ClientSecret));
        Assert.Equal("Basic " + expectedBasic, Assert.Single(request.Headers!["Authorization"]));
        Assert.StartsWith("application/x-www-form-urlencoded", Assert.Single(request.Headers["Content-Type"]), StringComparison.Ordinal);
        Assert.Equal("grant_type=client_credentials&scope=connectors+things%3Aread", request.Body);
    }

    [Fact]
    public async Task ClientCredentials_NoScopes_SendsGrantTypeOnly()
    {
        AnswerToken("""{"access_token":"svc-1","expires_in":120}""");

        await Service.GetTokenAsync();

        Assert.Equal("grant_type=client_credentials", Assert.Single(_host.Requests(ManagementTestHost.TokenPath)).RequestMessage.Body);
    }

    [Fact]
    public async Task ClientCredentials_NotBearer_ThrowsInvalidResponse()
    {
        AnswerToken("""{"access_token":"svc-1","token_type":"mac"}""");

        var exception = await Assert.ThrowsAsync<ManagementException>(() => Service.GetTokenAsync().AsTask());

        Assert.Equal(ManagementErrorCodes.InvalidResponse, exception.ErrorCode);
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_client","error_description":"unknown client"}""", "invalid_client")]
    [InlineData(401, "", ManagementErrorCodes.AuthenticationFailed)]
    public async Task ClientCredentials_Refused_ThrowsAuthenticationException(int status, string body, string code)
    {
        AnswerToken(body, status);

        var exception = await Assert.ThrowsAsync<ManagementAuthenticationException>(() => Service.GetTokenAsync().AsTask());

        Assert.Equal(("ClientCredentials", status, code), (exception.Operation, exception.Status, exception.ErrorCode));
    }

    [Fact]
    public async Task Login_ServerError_ThrowsTransient()
    {
        AnswerLogin("""{"message":"down"}""", status: 503);

        var exception = await Assert.ThrowsAsync<ManagementException>(() => Developer.GetTokenAsync().AsTask());

        Assert.IsNotType<ManagementAuthenticationException>(exception);
        Assert.Equal((503, true, "down"), (exception.Status, exception.IsTransient, exception.Description));
    }

    [Fact]
    public async Task Login_NoToken_ThrowsInvalidResponse()
    {
        AnswerLogin("""{"user":"x"}""");

        var exception = await Assert.ThrowsAsync<ManagementException>(() => Developer.GetTokenAsync().AsTask());

        Assert.Equal(ManagementErrorCodes.InvalidResponse, exception.ErrorCode);
    }

    [Fact]
    public async Task GetTokenAsync_Cached_RequestsOnce()
    {
        AnswerLogin("""{"token":"t-1","expires_in":3600}""");

        ManagementToken first = await Developer.GetTokenAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(30));
        ManagementToken second = await Developer.GetTokenAsync();

        Assert.Equal(first, second);
        Assert.Equal(1, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_JwtExpiry_RefreshesOneMarginBeforeExp()
    {
        DateTimeOffset now = _host.Time.GetUtcNow();
        // The JWT's exp (10 minutes) wins over expires_in (1 hour).
        AnswerLogin($$"""{"token":"{{Jwt(now.AddMinutes(10))}}","expires_in":3600}""");

        ManagementToken token = await Developer.GetTokenAsync();
        Assert.Equal(now.AddMinutes(10), token.ExpiresAt);

        _host.Time.Advance(TimeSpan.FromMinutes(8.9));
        await Developer.GetTokenAsync();
        Assert.Equal(1, LoginCount);

        _host.Time.Advance(TimeSpan.FromMinutes(0.2));
        await Developer.GetTokenAsync();
        Assert.Equal(2, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_ExpiresIn_RefreshesOneMarginBeforeExpiry()
    {
        AnswerLogin("""{"token":"opaque","expires_in":600}""");

        await Developer.GetTokenAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(539));
        await Developer.GetTokenAsync();
        Assert.Equal(1, LoginCount);

        _host.Time.Advance(TimeSpan.FromSeconds(2));
        await Developer.GetTokenAsync();
        Assert.Equal(2, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_ShortLifetime_RefreshesAtHalfLife()
    {
        AnswerLogin("""{"token":"opaque","expires_in":60}""");

        await Developer.GetTokenAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(29));
        await Developer.GetTokenAsync();
        Assert.Equal(1, LoginCount);

        _host.Time.Advance(TimeSpan.FromSeconds(2));
        await Developer.GetTokenAsync();
        Assert.Equal(2, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_NoExpiry_UsesDefaultLifetime()
    {
        AnswerLogin("""{"token":"opaque"}""");

        ManagementToken token = await Developer.GetTokenAsync();

        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromMinutes(5), token.ExpiresAt);
    }

    [Fact]
    public async Task GetTokenAsync_ManyConcurrentCallers_SendOneRequest()
    {
        AnswerLogin("""{"token":"t-1","expires_in":3600}""", delayMilliseconds: 300);

        ManagementToken[] tokens = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => Developer.GetTokenAsync().AsTask())));

        Assert.Equal(1, LoginCount);
        Assert.All(tokens, token => Assert.Equal("t-1", token.Reveal()));
    }

    [Fact]
    public async Task GetTokenAsync_ManyConcurrentCallersAtExpiry_SendOneRefresh()
    {
        AnswerLogin("""{"token":"t-1","expires_in":600}""", delayMilliseconds: 300);
        await Developer.GetTokenAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(9.5));

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => Developer.GetTokenAsync().AsTask())));

        Assert.Equal(2, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_CallerCancels_OthersStillGetTheToken()
    {
        AnswerLogin("""{"token":"t-1","expires_in":3600}""", delayMilliseconds: 500);
        using var cancellation = new CancellationTokenSource();

        Task<ManagementToken> cancelled = Developer.GetTokenAsync(cancellation.Token).AsTask();
        Task<ManagementToken> waiting = Developer.GetTokenAsync().AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("t-1", (await waiting).Reveal());
        Assert.Equal(1, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshFailsWhileCachedValid_KeepsCachedToken()
    {
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost()).InScenario("login").WillSetStateTo("down")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"token":"t-1","expires_in":600}"""));
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost()).InScenario("login").WhenStateIs("down")
            .RespondWith(Response.Create().WithStatusCode(503));
        await Developer.GetTokenAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(9.5));

        ManagementToken token = await Developer.GetTokenAsync();

        Assert.Equal("t-1", token.Reveal());
        Assert.Equal(2, LoginCount);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshFailsAfterExpiry_Throws()
    {
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost()).InScenario("login").WillSetStateTo("down")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"token":"t-1","expires_in":600}"""));
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost()).InScenario("login").WhenStateIs("down")
            .RespondWith(Response.Create().WithStatusCode(503));
        await Developer.GetTokenAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(11));

        var exception = await Assert.ThrowsAsync<ManagementException>(() => Developer.GetTokenAsync().AsTask());

        Assert.Equal(503, exception.Status);
    }

    [Fact]
    public async Task GetTokenAsync_FailedRequest_IsRetriedByNextCaller()
    {
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost()).InScenario("login").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500));
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.LoginPath).UsingPost()).InScenario("login").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"token":"t-2"}"""));

        await Assert.ThrowsAsync<ManagementException>(() => Developer.GetTokenAsync().AsTask());
        Assert.Equal("t-2", (await Developer.GetTokenAsync()).Reveal());
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextCallFetchesNew()
    {
        AnswerLogin("""{"token":"t-1","expires_in":3600}""");
        ManagementToken token = await Developer.GetTokenAsync();

        Developer.Invalidate(new ManagementToken("some-other-token"));
        await Developer.GetTokenAsync();
        Assert.Equal(1, LoginCount);

        Developer.Invalidate(token);
        await Developer.GetTokenAsync();
        Assert.Equal(2, LoginCount);
    }

    [Fact]
    public async Task TokenRequests_RefusedAndGranted_LogNoSecret()
    {
        AnswerLogin($$"""{"token":"{{ManagementTestHost.DeveloperToken}}"}""");
        AnswerToken($$"""{"error":"invalid_client","error_description":"secret {{ManagementTestHost.ClientSecret}} is wrong"}""", status: 401);

        await Developer.GetTokenAsync();
        var exception = await Assert.ThrowsAsync<ManagementAuthenticationException>(() => Service.GetTokenAsync().AsTask());

        _host.AssertNoSecretLogged();
        Assert.DoesNotContain(ManagementTestHost.ClientSecret, exception.Message, StringComparison.Ordinal);
        Assert.Equal("ManagementToken(***)", (await Developer.GetTokenAsync()).ToString());
    }

    [Fact]
    public async Task StaticProvider_Token_IsReturnedAsIs()
    {
        var provider = new StaticManagementTokenProvider("abc");

        Assert.Equal("abc", (await provider.GetTokenAsync()).Reveal());
        Assert.False(provider.CanRenew);
    }
}
