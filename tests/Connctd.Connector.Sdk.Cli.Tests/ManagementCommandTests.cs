using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connctd.Connector.Sdk.Cli.Tests;

public sealed class ManagementCommandTests : IDisposable
{
    private const string Manifest = """
        {
          "name": "Lamp hub", "description": "Lamps of the ACME hub", "mode": "PRIVATE", "tags": ["light"],
          "installationCallbackUrl": "https://lamps.example.com/connctd/installations",
          "instanceCallbackUrl": "https://lamps.example.com/connctd/instances",
          "actionCallbackUrl": "https://lamps.example.com/connctd/actions",
          "configurationParameters": [{"id": "apiKey", "name": "API key", "required": true, "valueType": "STRING", "displayType": "PASSWORD"}],
          "customerConfigurationParameters": []
        }
        """;

    private const string PublicKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string WriteManifest(string json = Manifest)
    {
        string path = _host.Path("manifest.json");
        File.WriteAllText(path, json);
        return path;
    }

    private void AssertNoSecretShown()
    {
        foreach (string secret in new[] { CliTestHost.Password, CliTestHost.ClientSecret, CliTestHost.DeveloperToken, CliTestHost.ServiceToken, "cfg-SECRET" })
        {
            Assert.DoesNotContain(secret, _host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, _host.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Publish_Manifest_SendsItAndShowsPublicKey()
    {
        _host.AnswerQuery($$$$"""{"data":{"publishConnector":{"id":"pub-1","name":"Lamp hub","publicKey":"{{{{PublicKey}}}}"}}}""");

        int exitCode = await _host.RunAsync("publish", WriteManifest(), "--public-key-file", _host.Path("key.pub"));

        Assert.Equal(0, exitCode);
        Assert.Contains(PublicKey, _host.Output, StringComparison.Ordinal);
        Assert.Equal(PublicKey, File.ReadAllText(_host.Path("key.pub")).Trim());
        JsonNode connector = _host.SingleQueryBody()["variables"]!["connector"]!;
        Assert.Equal("Lamp hub", connector["name"]!.GetValue<string>());
        Assert.Equal("PASSWORD", connector["configurationParameters"]![0]!["displayType"]!.GetValue<string>());
        Assert.Equal("Bearer " + CliTestHost.DeveloperToken, Assert.Single(Assert.Single(_host.Requests(CliTestHost.QueryPath)).RequestMessage.Headers!["Authorization"]));
        AssertNoSecretShown();
    }

    [Fact]
    public async Task Publish_Json_WritesPublicationAsJson()
    {
        _host.AnswerQuery($$$$"""{"data":{"publishConnector":{"id":"pub-1","name":"Lamp hub","mode":"PRIVATE","publicKey":"{{{{PublicKey}}}}"}}}""");

        Assert.Equal(0, await _host.RunAsync("publish", WriteManifest(), "--json"));

        JsonNode output = JsonNode.Parse(_host.Output)!;
        Assert.Equal(("pub-1", PublicKey), (output["id"]!.GetValue<string>(), output["publicKey"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"name": "x"}""")]
    [InlineData("""{"name": "x", "typo": 1}""")]
    [InlineData("not json")]
    public async Task Publish_InvalidManifest_ExitsInvalidInputWithoutSending(string json)
    {
        Assert.Equal(3, await _host.RunAsync("publish", WriteManifest(json)));

        Assert.Empty(_host.Requests(CliTestHost.QueryPath));
        Assert.Empty(_host.Requests(CliTestHost.LoginPath));
    }

    [Fact]
    public async Task Publish_MissingManifestFile_ExitsInvalidInput()
    {
        Assert.Equal(3, await _host.RunAsync("publish", _host.Path("nope.json")));
    }

    [Fact]
    public async Task Publish_PasswordFromStdin_IsUsedAndNotShown()
    {
        _host.Variables.Remove("CONNCTD_PASSWORD");
        _host.AnswerQuery("""{"data":{"publishConnector":{"id":"pub-1","publicKey":"k"}}}""");

        Assert.Equal(0, await _host.RunWithInputAsync(CliTestHost.Password + "\n", "publish", WriteManifest(), "--password-stdin"));

        Assert.Contains(CliTestHost.Password, Assert.Single(_host.Requests(CliTestHost.LoginPath)).RequestMessage.Body, StringComparison.Ordinal);
        AssertNoSecretShown();
    }

    [Fact]
    public async Task Publish_NoPassword_ExitsUsage()
    {
        _host.Variables.Remove("CONNCTD_PASSWORD");

        Assert.Equal(2, await _host.RunAsync("publish", WriteManifest()));
        Assert.Empty(_host.Requests(CliTestHost.LoginPath));
    }

    [Fact]
    public async Task Publish_DeveloperTokenVariable_SkipsLogin()
    {
        _host.Variables["CONNCTD_DEVELOPER_TOKEN"] = "ready-token";
        _host.AnswerQuery("""{"data":{"publishConnector":{"id":"pub-1","publicKey":"k"}}}""");

        Assert.Equal(0, await _host.RunAsync("publish", WriteManifest()));

        Assert.Empty(_host.Requests(CliTestHost.LoginPath));
        Assert.Equal("Bearer ready-token", Assert.Single(Assert.Single(_host.Requests(CliTestHost.QueryPath)).RequestMessage.Headers!["Authorization"]));
    }

    [Fact]
    public async Task ListPublications_Readable_ShowsTable()
    {
        _host.AnswerQuery("""{"data":{"connectorPublications":[{"id":"pub-1","name":"Lamp hub","mode":"UNLISTED","state":"PUBLISHED","active":true}]}}""");

        Assert.Equal(0, await _host.RunAsync("list", "publications"));

        string[] lines = _host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Equal(["pub-1", "Lamp", "hub", "UNLISTED", "PUBLISHED", "True"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ListInstallations_Json_WritesArray()
    {
        _host.AnswerQuery("""{"data":{"connectorInstallations":[{"id":"inst-1","connector":{"id":"pub-1"},"state":"COMPLETE"}]}}""");

        Assert.Equal(0, await _host.RunAsync("list", "installations", "--app-id", "app-1", "--json"));

        JsonNode item = JsonNode.Parse(_host.Output)!.AsArray().Single()!;
        Assert.Equal(("inst-1", "COMPLETE"), (item["id"]!.GetValue<string>(), item["state"]!.GetValue<string>()));
        Assert.Equal("app-1", _host.SingleQueryBody()["variables"]!["appId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListInstances_ServiceCredentials_UseClientCredentials()
    {
        _host.AnswerQuery("""{"data":{"connectorInstantiations":[{"id":"i-1","installation":{"id":"inst-1"},"state":"ONGOING","furtherStep":{"type":"REDIRECT","content":"https://consent.example.com"}}]}}""");

        Assert.Equal(0, await _host.RunAsync("list", "instances", "--scope", "connectors", "--external-subject-id", "cust-1"));

        Assert.Contains("REDIRECT: https://consent.example.com", _host.Output, StringComparison.Ordinal);
        Assert.Equal("grant_type=client_credentials&scope=connectors", Assert.Single(_host.Requests(CliTestHost.TokenPath)).RequestMessage.Body);
        Assert.Equal("cust-1", Assert.Single(Assert.Single(_host.Requests(CliTestHost.QueryPath)).RequestMessage.Headers!["X-External-Subject-ID"]));
        AssertNoSecretShown();
    }

    [Fact]
    public async Task Install_ConfigurationFromArgumentsEnvironmentAndStdin_SendsAllValues()
    {
        _host.Variables.Remove("CONNCTD_PASSWORD");
        _host.Variables["API_KEY"] = "cfg-SECRET";
        _host.AnswerQuery("""{"data":{"installConnector":{"id":"inst-1","connector":{"id":"pub-1"},"state":"COMPLETE"}}}""");

        int exitCode = await _host.RunWithInputAsync(
            CliTestHost.Password + "\ntoken=cfg-SECRET-2\n",
            "install", "--app-id", "app-1", "--connector-id", "pub-1", "--config", "region=eu", "--config-env", "apiKey=API_KEY", "--config-stdin", "--password-stdin");

        Assert.Equal(0, exitCode);
        Assert.Contains("inst-1", _host.Output, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"appId":"app-1","connectorId":"pub-1","configuration":[{"configurationParameterId":"region","value":"eu"},{"configurationParameterId":"apiKey","value":"cfg-SECRET"},{"configurationParameterId":"token","value":"cfg-SECRET-2"}]}"""),
            _host.SingleQueryBody()["variables"]));
        AssertNoSecretShown();
    }

    [Fact]
    public async Task Install_BadConfigPair_ExitsUsage()
    {
        Assert.Equal(2, await _host.RunAsync("install", "--app-id", "a", "--connector-id", "c", "--config", "novalue"));
    }

    [Fact]
    public async Task Instantiate_ClientSecretFromStdin_ShowsStateAndNextStep()
    {
        _host.Variables.Remove("CONNCTD_CLIENT_SECRET");
        _host.AnswerQuery("""{"data":{"instantiateConnector":{"id":"i-1","installation":{"id":"inst-1"},"state":"ONGOING","furtherStep":{"type":"TEXT","content":"Press the button"}}}}""");

        Assert.Equal(0, await _host.RunWithInputAsync(CliTestHost.ClientSecret + "\n", "instantiate", "--installation-id", "inst-1", "--config", "room=7", "--client-secret-stdin", "--json"));

        JsonNode output = JsonNode.Parse(_host.Output)!;
        Assert.Equal(("ONGOING", "TEXT", "Press the button"), (output["state"]!.GetValue<string>(), output["furtherStep"]!["type"]!.GetValue<string>(), output["furtherStep"]!["content"]!.GetValue<string>()));
        Assert.Equal("room", _host.SingleQueryBody()["variables"]!["configuration"]![0]!["configurationParameterId"]!.GetValue<string>());
        AssertNoSecretShown();
    }

    [Fact]
    public async Task RemoveInstallation_WithInstances_SendsFlagAndListsAffected()
    {
        _host.AnswerQuery("""{"data":{"removeInstallation":{"affectedInstallation":{"id":"inst-1","state":"REMOVAL_ONGOING"},"affectedInstances":[{"id":"i-1","state":"REMOVAL_ONGOING"}]}}}""");

        Assert.Equal(0, await _host.RunAsync("remove", "installation", "inst-1", "--remove-instances"));

        JsonNode variables = _host.SingleQueryBody()["variables"]!;
        Assert.Equal(("inst-1", true), (variables["installationId"]!.GetValue<string>(), variables["removeInstances"]!.GetValue<bool>()));
        Assert.Contains("i-1", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovePublicationAndInstance_Ids_AreSent()
    {
        _host.AnswerQuery("""{"data":{"removeConnector":{"id":"pub-1","state":"REMOVED"},"removeInstance":{"id":"i-1","state":"REMOVAL_ONGOING"}}}""");

        Assert.Equal(0, await _host.RunAsync("remove", "publication", "pub-1"));
        Assert.Equal(0, await _host.RunAsync("remove", "instance", "i-1"));

        List<JsonNode> bodies = _host.Requests(CliTestHost.QueryPath).Select(entry => JsonNode.Parse(entry.RequestMessage.Body!)!).ToList();
        Assert.Equal("pub-1", bodies[0]["variables"]!["connectorId"]!.GetValue<string>());
        Assert.Equal("i-1", bodies[1]["variables"]!["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Command_GraphQLErrors_ExitsRemoteFailureWithDetails()
    {
        _host.AnswerQuery("""{"errors":[{"message":"connector not found","path":["removeConnector"],"extensions":{"code":"NOT_FOUND"}}]}""");

        Assert.Equal(1, await _host.RunAsync("remove", "publication", "nope", "--json"));

        using JsonDocument error = JsonDocument.Parse(_host.Error);
        Assert.Equal(1, error.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("NOT_FOUND", error.RootElement.GetProperty("code").GetString());
        Assert.Equal("removeConnector: connector not found", error.RootElement.GetProperty("details")[0].GetString());
        Assert.Empty(_host.Output);
    }

    [Fact]
    public async Task Command_ServerError_ExitsRemoteFailure()
    {
        _host.AnswerQuery("""{"error":"INTERNAL_SERVER_ERROR"}""", status: 500);

        Assert.Equal(1, await _host.RunAsync("list", "publications"));
        Assert.StartsWith("error:", _host.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_LoginRefused_ExitsAuthenticationFailed()
    {
        _host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(CliTestHost.LoginPath).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(401).WithBody("""{"error":"invalid_credentials"}"""));

        Assert.Equal(4, await _host.RunAsync("list", "publications"));
        AssertNoSecretShown();
    }

    [Fact]
    public async Task Command_NothingListening_ExitsUnreachable()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.Equal(5, await _host.RunAsync("list", "publications", "--api-base", $"http://127.0.0.1:{port}"));
    }
}
