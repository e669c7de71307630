using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Signing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connctd.Connector.Sdk.Cli.Tests;

public sealed class CallbackCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();
    private readonly RequestSigner _publication = RequestSigner.Generate();

    public CallbackCommandTests()
    {
        _host.Variables["CONNCTD_PRIVATE_KEY"] = _publication.ExportPrivateKeySeedBase64();
    }

    public void Dispose()
    {
        _publication.Dispose();
        _host.Dispose();
    }

    private string Url(string path) => _host.Server.Url + path;

    private void Connector(string path, int status, string body = "", bool delete = false)
    {
        IRequestBuilder request = Request.Create().WithPath(path);
        _host.Server.Given(delete ? request.UsingDelete() : request.UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    /// <summary>Checks the request the connector received the way a connector in its default mode does (https + Host).</summary>
    private SignatureVerificationResult Verify(ILogEntry entry, string scheme = "https")
    {
        var message = entry.RequestMessage;
        var verifier = new SignatureVerifier([_publication.PublicKey], timeProvider: _host.Time);
        return verifier.Verify(new SignatureInput(
            message.Method,
            scheme,
            Assert.Single(message.Headers!["Host"]),
            new Uri(message.Url).PathAndQuery,
            Assert.Single(message.Headers["Date"]),
            Assert.Single(message.Headers["Signature"]),
            message.BodyAsBytes ?? []));
    }

    [Fact]
    public async Task Install_Connector_ReceivesSignedInstallationRequest()
    {
        Connector("/connctd/installations", 201);
        _host.Variables["SECRET_KEY"] = "cfg-SECRET";

        int exitCode = await _host.RunAsync(
            "callback", "install", "--url", Url("/connctd/installations"), "--id", "inst-1", "--config", "region=eu", "--config-env", "apiKey=SECRET_KEY");

        Assert.Equal(0, exitCode);
        ILogEntry entry = Assert.Single(_host.Requests("/connctd/installations"));
        Assert.Equal(SignatureVerificationResult.Valid, Verify(entry));
        JsonNode body = JsonNode.Parse(entry.RequestMessage.Body!)!;
        Assert.Equal(("inst-1", 1), (body["id"]!.GetValue<string>(), body["state"]!.GetValue<int>()));
        Assert.False(string.IsNullOrEmpty(body["token"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"id":"region","value":"eu"},{"id":"apiKey","value":"cfg-SECRET"}]"""), body["configuration"]));
        Assert.StartsWith("application/json", Assert.Single(entry.RequestMessage.Headers!["Content-Type"]), StringComparison.Ordinal);
        Assert.Contains("201", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cfg-SECRET", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(body["token"]!.GetValue<string>(), _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_SignedWithAnotherKey_DoesNotVerify()
    {
        Connector("/connctd/installations", 201);
        using RequestSigner other = RequestSigner.Generate();
        _host.Variables["CONNCTD_PRIVATE_KEY"] = other.ExportPrivateKeySeedBase64();

        Assert.Equal(0, await _host.RunAsync("callback", "install", "--url", Url("/connctd/installations")));

        Assert.Equal(SignatureVerificationResult.Mismatch, Verify(Assert.Single(_host.Requests("/connctd/installations"))));
    }

    [Fact]
    public async Task Instantiate_Accepted_PrintsAnswerAsJson()
    {
        Connector("/connctd/instances", 202, """{"furtherStep":{"type":3,"content":"https://consent.example.com"}}""");
        _host.Variables["CONNCTD_CALLBACK_TOKEN"] = "instance-token-SECRET";

        int exitCode = await _host.RunAsync("callback", "instantiate", "--url", Url("/connctd/instances"), "--id", "i-1", "--installation-id", "inst-1", "--json");

        Assert.Equal(0, exitCode);
        ILogEntry entry = Assert.Single(_host.Requests("/connctd/instances"));
        Assert.Equal(SignatureVerificationResult.Valid, Verify(entry));
        JsonNode body = JsonNode.Parse(entry.RequestMessage.Body!)!;
        Assert.Equal(("i-1", "inst-1", "instance-token-SECRET"), (body["id"]!.GetValue<string>(), body["installation_id"]!.GetValue<string>(), body["token"]!.GetValue<string>()));
        JsonNode output = JsonNode.Parse(_host.Output)!;
        Assert.Equal((202, "i-1"), (output["status"]!.GetValue<int>(), output["id"]!.GetValue<string>()));
        Assert.Equal(3, output["body"]!["furtherStep"]!["type"]!.GetValue<int>());
        Assert.DoesNotContain("instance-token-SECRET", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_Parameters_AreSentPending()
    {
        Connector("/connctd/actions", 204);

        int exitCode = await _host.RunAsync(
            "callback", "action", "--url", Url("/connctd/actions?tenant=a"), "--thing-id", "t-1", "--component-id", "lamp", "--action-id", "setOn", "--param", "on=true", "--id", "ar-1");

        Assert.Equal(0, exitCode);
        ILogEntry entry = Assert.Single(_host.Requests("/connctd/actions"));
        Assert.Equal(SignatureVerificationResult.Valid, Verify(entry));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"id":"ar-1","thingId":"t-1","componentId":"lamp","actionId":"setOn","status":"PENDING","parameters":{"on":"true"}}"""),
            JsonNode.Parse(entry.RequestMessage.Body!)));
    }

    [Theory]
    [InlineData("remove-installation", "/connctd/installations")]
    [InlineData("remove-instance", "/connctd/instances")]
    public async Task Remove_Id_SendsSignedDeleteToUrlAndId(string command, string path)
    {
        Connector(path + "/inst-1", 204, delete: true);

        Assert.Equal(0, await _host.RunAsync("callback", command, "inst-1", "--url", Url(path)));

        ILogEntry entry = Assert.Single(_host.Server.LogEntries);
        Assert.Equal("DELETE", entry.RequestMessage.Method);
        Assert.Equal(SignatureVerificationResult.Valid, Verify(entry));
        Assert.True(entry.RequestMessage.BodyAsBytes is null || entry.RequestMessage.BodyAsBytes.Length == 0);
    }

    [Fact]
    public async Task Install_SignedScheme_IsWhatIsSigned()
    {
        Connector("/connctd/installations", 201);

        Assert.Equal(0, await _host.RunAsync("callback", "install", "--url", Url("/connctd/installations"), "--signed-scheme", "http"));

        Assert.Equal(SignatureVerificationResult.Valid, Verify(Assert.Single(_host.Server.LogEntries), scheme: "http"));
    }

    [Fact]
    public async Task Install_ConnectorRefuses_ExitsRemoteFailure()
    {
        Connector("/connctd/installations", 403, """{"error":"FORBIDDEN","description":"apiKey: REQUIRED","status":403}""");

        Assert.Equal(1, await _host.RunAsync("callback", "install", "--url", Url("/connctd/installations")));

        Assert.Contains("403", _host.Output, StringComparison.Ordinal);
        Assert.Contains("apiKey: REQUIRED", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_PrivateKeyFromStdinOrFile_Works()
    {
        Connector("/connctd/installations", 201);
        _host.Variables.Remove("CONNCTD_PRIVATE_KEY");
        string file = _host.Path("key");
        File.WriteAllText(file, _publication.ExportPrivateKeySeedBase64() + "\n");

        Assert.Equal(0, await _host.RunWithInputAsync(_publication.ExportPrivateKeySeedBase64() + "\n", "callback", "install", "--url", Url("/connctd/installations"), "--private-key-stdin"));
        Assert.Equal(0, await _host.RunAsync("callback", "install", "--url", Url("/connctd/installations"), "--private-key-file", file));

        Assert.All(_host.Server.LogEntries, entry => Assert.Equal(SignatureVerificationResult.Valid, Verify(entry)));
        Assert.Equal(2, _host.Server.LogEntries.Count);
    }

    [Fact]
    public async Task Install_NoPrivateKey_ExitsUsage()
    {
        _host.Variables.Remove("CONNCTD_PRIVATE_KEY");

        Assert.Equal(2, await _host.RunAsync("callback", "install", "--url", Url("/connctd/installations")));
        Assert.Empty(_host.Server.LogEntries);
    }

    [Fact]
    public async Task Install_BadPrivateKey_ExitsInvalidInputWithoutShowingIt()
    {
        _host.Variables["CONNCTD_PRIVATE_KEY"] = "bm90LWEta2V5LVNFQ1JFVA==";

        Assert.Equal(3, await _host.RunAsync("callback", "install", "--url", Url("/connctd/installations")));

        Assert.DoesNotContain("bm90LWEta2V5LVNFQ1JFVA==", _host.Error, StringComparison.Ordinal);
        Assert.Empty(_host.Server.LogEntries);
    }

    [Fact]
    public async Task Install_NothingListening_ExitsUnreachable()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.Equal(5, await _host.RunAsync("callback", "install", "--url", $"http://127.0.0.1:{port}/connctd/installations"));
    }
}
