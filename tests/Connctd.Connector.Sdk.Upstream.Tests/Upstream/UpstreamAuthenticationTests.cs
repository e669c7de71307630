using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connctd.Connector.Sdk.Upstream.Tests.Infrastructure.UpstreamServices;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

public sealed class UpstreamAuthenticationTests : IDisposable
{
    private readonly UpstreamStub _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task SendAsync_KindNone_SendsNoCredentials()
    {
        using UpstreamServices services = Create(_stub);
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("apiKey", "secret-key-1")));

        using HttpResponseMessage response = await client.GetAsync("things?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(_stub.ApiRequests());
        Assert.Equal("/api/things", entry.RequestMessage.Path);
        Assert.Null(UpstreamStub.Header(entry, "Authorization"));
        Assert.Null(UpstreamStub.Header(entry, "X-API-Key"));
    }

    [Fact]
    public async Task SendAsync_ApiKeyHeaderWithPrefix_SendsPrefixedKey()
    {
        using UpstreamServices services = Create(_stub, options =>
        {
            options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey;
            options.Authentication.ApiKeyName = "X-Weather-Key";
            options.Authentication.ApiKeyPrefix = "Key ";
        });
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("apiKey", "secret-key-1")));

        using HttpResponseMessage response = await client.GetAsync("/things");

        var entry = Assert.Single(_stub.ApiRequests());
        Assert.Equal("/api/things", entry.RequestMessage.Path);
        Assert.Equal("Key secret-key-1", UpstreamStub.Header(entry, "X-Weather-Key"));
    }

    [Fact]
    public async Task SendAsync_ApiKeyOfAPasswordParameter_IsMaskedInTheValuesButSentInClear()
    {
        using UpstreamServices services = Create(_stub, options =>
        {
            options.Authentication.Kind = UpstreamAuthenticationKind.Basic;
            options.Authentication.UsernameFrom = "user";
            options.Authentication.PasswordFrom = "pass";
        });
        var parameters = new Configuration.ConfigurationParameterSet([Configuration.ConfigurationParameter.Text("user", "User"), Configuration.ConfigurationParameter.Password("pass", "Password")]);
        var values = new ConfigurationValues([new Protocol.ConfigurationValue("user", "alice"), new Protocol.ConfigurationValue("pass", "pa55-secret")], parameters);
        Assert.Equal("***", values["pass"]);
        UpstreamApiClient client = services.Factory.CreateClient("api", new Installation { Id = "inst-1", Configuration = values, State = Protocol.LifecycleState.Complete });

        using HttpResponseMessage response = await client.GetAsync("/things");

        var entry = Assert.Single(_stub.ApiRequests());
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:pa55-secret")), UpstreamStub.Header(entry, "Authorization"));
    }

    [Fact]
    public async Task SendAsync_ApiKeyInQuery_AddsEscapedParameterAndKeepsQuery()
    {
        using UpstreamServices services = Create(_stub, options =>
        {
            options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey;
            options.Authentication.ApiKeyName = "appid";
            options.Authentication.ApiKeyLocation = UpstreamApiKeyLocation.Query;
        });
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("apiKey", "k&y=1")));

        using HttpResponseMessage response = await client.GetAsync("weather?q=Berlin");

        var entry = Assert.Single(_stub.ApiRequests());
        Assert.Equal("Berlin", entry.RequestMessage.Query!["q"].Single());
        Assert.Equal("k&y=1", entry.RequestMessage.Query!["appid"].Single());
        Assert.Null(UpstreamStub.Header(entry, "X-API-Key"));
    }

    [Fact]
    public async Task SendAsync_Basic_SendsBase64UserAndPassword()
    {
        using UpstreamServices services = Create(_stub, options =>
        {
            options.Authentication.Kind = UpstreamAuthenticationKind.Basic;
            options.Authentication.UsernameFrom = "user";
            options.Authentication.PasswordFrom = "pass";
        });
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("user", "alice"), ("pass", "pa:ss-secret")));

        using HttpResponseMessage response = await client.GetAsync("things");

        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:pa:ss-secret"));
        Assert.Equal(expected, UpstreamStub.Header(Assert.Single(_stub.ApiRequests()), "Authorization"));
    }

    [Fact]
    public async Task SendAsync_BearerToken_SendsToken()
    {
        using UpstreamServices services = Create(_stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.BearerToken);
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("token", "bearer-secret-1")));

        using HttpResponseMessage response = await client.GetAsync("things");

        Assert.Equal("Bearer bearer-secret-1", UpstreamStub.Header(Assert.Single(_stub.ApiRequests()), "Authorization"));
    }

    [Fact]
    public async Task SendAsync_ManyTenantsConcurrently_EachSendsItsOwnKey()
    {
        using UpstreamServices services = Create(_stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey);
        UpstreamApiClient[] clients = Enumerable.Range(1, 8)
            .Select(i => services.Factory.CreateClient("api", Installation($"inst-{i}", ("apiKey", $"key-{i}"))))
            .ToArray();

        await Task.WhenAll(clients.SelectMany((client, index) => Enumerable.Range(0, 5).Select(async _ =>
        {
            using HttpResponseMessage response = await client.GetAsync($"tenant/{index + 1}");
        })));

        Assert.Equal(40, _stub.ApiRequests().Count);
        Assert.All(_stub.ApiRequests(), entry =>
            Assert.Equal("key-" + entry.RequestMessage.Path.Split('/').Last(), UpstreamStub.Header(entry, "X-API-Key")));
    }

    [Fact]
    public async Task CreateClient_InstanceHasTheParameter_InstanceValueWins()
    {
        using UpstreamServices services = Create(_stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey);
        Installation installation = Installation("inst-1", ("apiKey", "installation-key"));
        UpstreamApiClient client = services.Factory.CreateClient("api", installation, Instance("i-1", "inst-1", ("apiKey", "instance-key")));

        using HttpResponseMessage response = await client.GetAsync("things");

        Assert.Equal("instance-key", UpstreamStub.Header(Assert.Single(_stub.ApiRequests()), "X-API-Key"));
    }

    [Fact]
    public async Task CreateClient_ExplicitCredentials_UsedInsteadOfConfiguration()
    {
        using UpstreamServices services = Create(_stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey);
        UpstreamApiClient client = services.Factory.CreateClient(
            "api", Installation("inst-1", ("apiKey", "configured")), credentials: UpstreamCredentials.BearerToken("explicit-token"));

        using HttpResponseMessage response = await client.GetAsync("things");

        var entry = Assert.Single(_stub.ApiRequests());
        Assert.Equal("Bearer explicit-token", UpstreamStub.Header(entry, "Authorization"));
        Assert.Null(UpstreamStub.Header(entry, "X-API-Key"));
    }

    [Fact]
    public void CreateClient_ConfigurationLacksTheKey_ThrowsMissingCredentials()
    {
        using UpstreamServices services = Create(_stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey);

        var exception = Assert.Throws<UpstreamApiException>(() => services.Factory.CreateClient("api", Installation("inst-1", ("other", "x"))));

        Assert.Equal(UpstreamErrorCodes.MissingCredentials, exception.ErrorCode);
        Assert.Equal("api", exception.ApiName);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public void CreateClient_UnregisteredApi_ThrowsInvalidOperation()
    {
        using UpstreamServices services = Create(_stub);

        Assert.Throws<InvalidOperationException>(() => services.Factory.CreateClient("other", Installation("inst-1")));
    }

    [Fact]
    public void CreateClient_InstanceOfAnotherInstallation_ThrowsArgument()
    {
        using UpstreamServices services = Create(_stub);

        Assert.Throws<ArgumentException>(() => services.Factory.CreateClient("api", Installation("inst-1"), Instance("i-1", "inst-2")));
    }

    [Fact]
    public async Task SendAsync_AbsoluteAddressOnAnotherHost_ThrowsAndSendsNothing()
    {
        using UpstreamServices services = Create(_stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey);
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("apiKey", "secret-key-1")));

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetAsync("http://127.0.0.2:1/steal"));

        Assert.Empty(_stub.Server.LogEntries);
    }

    [Fact]
    public async Task AddConnctdUpstreamApi_RegisteredTwice_SendsTheKeyOnce()
    {
        using UpstreamServices services = Create(
            _stub, options => options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey, more: collection => collection.AddConnctdUpstreamApi("api"));
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1", ("apiKey", "secret-key-1")));

        using HttpResponseMessage response = await client.GetAsync("things");

        var entry = Assert.Single(_stub.ApiRequests());
        Assert.Equal(["secret-key-1"], entry.RequestMessage.Headers!["X-API-Key"].ToArray());
    }

    [Fact]
    public void ToString_Credentials_NamesKindOnly()
    {
        UpstreamCredentials credentials = UpstreamCredentials.Basic("alice", "pa55-secret");

        Assert.DoesNotContain("pa55-secret", credentials.ToString(), StringComparison.Ordinal);
        Assert.Equal(UpstreamAuthenticationKind.Basic, credentials.Kind);
    }
}
