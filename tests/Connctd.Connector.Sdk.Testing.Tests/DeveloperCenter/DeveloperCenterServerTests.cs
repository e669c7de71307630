using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing.Tests.Infrastructure;

namespace Connctd.Connector.Sdk.Testing.Tests.DeveloperCenter;

/// <summary>
/// The Developer Center's HTTP side without a browser: the snapshot, the event stream, the commands and every refusal
/// (in the protocol's error format), against the probe connector on Kestrel.
/// </summary>
public sealed class DeveloperCenterServerTests : IAsyncLifetime
{
    private static readonly ConnectorConfigurationSchema Schema = new(installation: [ConfigurationParameter.Password("apiKey", "API key")]);

    private readonly HttpClient _http = TestClients.Http();
    private DeveloperCenterServer _server = null!;
    private ConnectorHost _connector = null!;

    public async Task InitializeAsync()
    {
        _server = await DeveloperCenterServer.StartAsync(new DeveloperCenterOptions { Schema = Schema });
        _connector = await ConnectorHost.StartAsync(_server.Platform);
        _server.ConnectorUrl = _connector.Address!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _connector.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Commands_InstallInstantiateAction_AnsweredWithTheConnectorsAnswerAndRecorded()
    {
        JsonElement installed = await CommandAsync("install", """{"configuration":{"apiKey":"SECRET-VALUE"}}""");
        JsonElement instantiated = await CommandAsync("instantiate", """{"installationId":"installation-1"}""");
        await _server.Platform.WaitForThingsAsync("instance-1", 2);
        JsonElement action = await CommandAsync("action", """{"thingId":"thing-1","componentId":"lamp","actionId":"setOn","parameters":{"on":"true"}}""");

        Assert.Equal(("installation-1", 201, "COMPLETE"), (installed.GetProperty("id").GetString(), installed.GetProperty("statusCode").GetInt32(), installed.GetProperty("outcome").GetString()));
        Assert.Equal(201, instantiated.GetProperty("statusCode").GetInt32());
        Assert.Equal(("action-1", 204, "COMPLETED"), (action.GetProperty("id").GetString(), action.GetProperty("statusCode").GetInt32(), action.GetProperty("outcome").GetString()));
        Assert.Equal(["POST /connctd/installations → 201", "POST /connctd/instances → 201", "POST /connctd/actions → 204"], _server.Platform.Callbacks.Select(callback => callback.ToString()));
        Assert.All(_server.Platform.Callbacks, callback => Assert.True(callback.AnsweredAsExpected));
    }

    [Fact]
    public async Task State_SecretParameter_MaskedAndNoTokenInTheSnapshot()
    {
        await CommandAsync("install", """{"configuration":{"apiKey":"SECRET-VALUE"}}""");

        string state = await _http.GetStringAsync(new Uri(_server.DashboardUrl, "dashboard/state"));

        Assert.DoesNotContain("SECRET-VALUE", state, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Platform.GetInstallation("installation-1")!.Token, state, StringComparison.Ordinal);
        JsonElement installation = JsonDocument.Parse(state).RootElement.GetProperty("installations")[0];
        Assert.Equal("***", installation.GetProperty("configuration").GetProperty("apiKey").GetString());
        Assert.Equal("COMPLETE", installation.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Events_AChange_PushesANewSnapshot()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.DashboardUrl, "dashboard/events"));
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        JsonElement first = await NextSnapshotAsync(reader);
        Assert.Empty(first.GetProperty("installations").EnumerateArray());

        await CommandAsync("install", "{}");

        JsonElement next;
        do
        {
            next = await NextSnapshotAsync(reader);
        }
        while (next.GetProperty("installations").GetArrayLength() == 0 || next.GetProperty("installations")[0].GetProperty("state").GetString() != "COMPLETE");

        Assert.Equal("installation-1", next.GetProperty("installations")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task BadCallback_WrongKey_RefusedByTheConnectorAndNoRecordChanged()
    {
        JsonElement answer = await CommandAsync("bad-callback", """{"signing":"WrongKey"}""");

        Assert.Equal((400, "BAD_SIGNATURE"), (answer.GetProperty("statusCode").GetInt32(), answer.GetProperty("errorCode").GetString()));
        RecordedCallback callback = Assert.Single(_server.Platform.Callbacks);
        Assert.Equal((CallbackSigning.WrongKey, true), (callback.Signing, callback.AnsweredAsExpected));
        Assert.Empty(_server.Platform.Installations);
    }

    [Fact]
    public async Task Fault_Injected_DescribedAndApplied()
    {
        await CommandAsync("fault", """{"fault":"rateLimit","count":2,"seconds":3,"operation":"UpdateProperty"}""");
        await CommandAsync("fault", """{"fault":"latency","milliseconds":1500}""");

        JsonElement state = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_server.DashboardUrl, "dashboard/state"))).RootElement;
        Assert.Equal(
            ["429 (Retry-After 3 s) for the next 2 calls (UpdateProperty)", "+1500 ms latency for every call"],
            state.GetProperty("faults").EnumerateArray().Select(fault => fault.GetString()));

        await CommandAsync("fault", """{"fault":"clear"}""");
        Assert.Empty(_server.Platform.Faults.Describe());
    }

    [Theory]
    [InlineData("instantiate", "{}", 400, "BAD_COMMAND")]
    [InlineData("action", """{"thingId":"thing-1"}""", 400, "BAD_COMMAND")]
    [InlineData("remove-instance", """{"id":" "}""", 400, "BAD_COMMAND")]
    [InlineData("bad-callback", """{"signing":"Valid"}""", 400, "BAD_COMMAND")]
    [InlineData("fault", """{"fault":"explode"}""", 400, "BAD_COMMAND")]
    [InlineData("fault", """{"fault":"fail","statusCode":200}""", 400, "BAD_COMMAND")]
    [InlineData("fault", """{"fault":"fail","operation":"Unknown"}""", 400, "BAD_COMMAND")]
    [InlineData("install", """{"configuration":{"a":1}}""", 400, ErrorCodes.InvalidJsonBody)]
    [InlineData("install", """{"colour":"red"}""", 400, ErrorCodes.InvalidJsonBody)]
    [InlineData("install", "{", 400, ErrorCodes.InvalidJsonBody)]
    [InlineData("install", "null", 400, ErrorCodes.BadRequestBody)]
    [InlineData("explode", "{}", 404, ErrorCodes.NotFound)]
    public async Task Command_Bad_RefusedInTheProtocolsErrorFormat(string command, string body, int status, string code)
    {
        using HttpResponseMessage response = await _http.PostAsync(new Uri(_server.DashboardUrl, "dashboard/" + command), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, status, code);
        Assert.Empty(_server.Platform.Callbacks);
    }

    [Fact]
    public async Task Command_NotJson_BadContentType()
    {
        using HttpResponseMessage response = await _http.PostAsync(new Uri(_server.DashboardUrl, "dashboard/install"), new StringContent("{}", Encoding.UTF8, "text/plain"));

        await AssertErrorAsync(response, 415, ErrorCodes.BadContentType);
    }

    [Fact]
    public async Task Command_TooLarge_RequestTooLarge()
    {
        string body = "{\"configuration\":{\"a\":\"" + new string('x', 70 * 1024) + "\"}}";

        using HttpResponseMessage response = await _http.PostAsync(new Uri(_server.DashboardUrl, "dashboard/install"), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 413, ErrorCodes.RequestTooLarge);
    }

    [Fact]
    public async Task Request_AnotherHost_Forbidden()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.DashboardUrl, "dashboard/state"));
        request.Headers.Host = "attacker.example";

        using HttpResponseMessage response = await _http.SendAsync(request);

        await AssertErrorAsync(response, 403, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Request_WrongMethodOrPage_NotAllowedOrNotFound()
    {
        using HttpResponseMessage put = await _http.PutAsync(new Uri(_server.DashboardUrl, "dashboard/install"), new StringContent("{}", Encoding.UTF8, "application/json"));
        using HttpResponseMessage missing = await _http.GetAsync(new Uri(_server.DashboardUrl, "nothing-here.js"));

        await AssertErrorAsync(put, 405, ErrorCodes.MethodNotAllowed);
        await AssertErrorAsync(missing, 404, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Assets_ServedFromTheAssemblyWithAStrictContentSecurityPolicy()
    {
        using HttpResponseMessage page = await _http.GetAsync(_server.DashboardUrl);
        string script = await _http.GetStringAsync(new Uri(_server.DashboardUrl, "dashboard.js"));
        string style = await _http.GetStringAsync(new Uri(_server.DashboardUrl, "dashboard.css"));

        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/dashboard.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("EventSource", script, StringComparison.Ordinal);
        Assert.Contains("--accent", style, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformApi_SameServer_StillThePlatformApi()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_server.Platform.PlatformUrl, "connectorhub/callback/instances/things/thing-1/status"))
        {
            Content = new StringContent("""{"status":"AVAILABLE"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "made-up");

        using HttpResponseMessage response = await _http.SendAsync(request);

        await AssertErrorAsync(response, 401, ErrorCodes.NotAuthorized);
    }

    [Fact]
    public async Task Command_ConnectorDown_ConnectorUnreachableAndTheCallbackLogged()
    {
        _server.ConnectorUrl = new Uri("http://127.0.0.1:1/");

        using HttpResponseMessage response = await _http.PostAsync(new Uri(_server.DashboardUrl, "dashboard/install"), new StringContent("{}", Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 502, "CONNECTOR_UNREACHABLE");
        RecordedCallback callback = Assert.Single(_server.Platform.Callbacks);
        Assert.Equal((0, false), (callback.StatusCode, callback.AnsweredAsExpected));
        Assert.Equal(Protocol.LifecycleState.Error, _server.Platform.GetInstallation("installation-1")!.State);
    }

    private async Task<JsonElement> CommandAsync(string command, string body)
    {
        using HttpResponseMessage response = await _http.PostAsync(new Uri(_server.DashboardUrl, "dashboard/" + command), new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((status, code, status), ((int)response.StatusCode, error.GetProperty("error").GetString(), error.GetProperty("status").GetInt32()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("description").GetString()));
    }

    private static async Task<JsonElement> NextSnapshotAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
