using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.Cli.Tests;

/// <summary>
/// Runs the <c>connctd</c> command tree in-process against WireMock.Net on 127.0.0.1, which plays the platform
/// (GraphQL, login, token endpoint) and a local connector; standard streams and environment variables are captured.
/// </summary>
internal sealed class CliTestHost : IDisposable
{
    public const string QueryPath = "/api/v1/query";
    public const string LoginPath = "/api/v1/auth/login";
    public const string TokenPath = "/oauth2/token";
    public const string Password = "dev-pa55-SECRET";
    public const string ClientSecret = "client-SECRET";
    public const string DeveloperToken = "dev-token-SECRET";
    public const string ServiceToken = "svc-token-SECRET";

    private readonly string _directory = Directory.CreateTempSubdirectory("connctd-cli-tests-").FullName;

    public CliTestHost()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Server.Given(Request.Create().WithPath(LoginPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"token":"{{DeveloperToken}}","expires_in":3600}"""));
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{ServiceToken}}","expires_in":3600,"token_type":"bearer"}"""));
        Variables = new Dictionary<string, string>
        {
            ["CONNCTD_API_BASE"] = Server.Url!,
            ["CONNCTD_EMAIL"] = "dev@example.com",
            ["CONNCTD_PASSWORD"] = Password,
            ["CONNCTD_CLIENT_ID"] = "app-1",
            ["CONNCTD_CLIENT_SECRET"] = ClientSecret,
        };
    }

    public WireMockServer Server { get; }

    public Dictionary<string, string> Variables { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public string Path(string name) => System.IO.Path.Combine(_directory, name);

    public async Task<int> RunWithInputAsync(string input, params string[] args)
    {
        using var stdin = new StringReader(input);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = await CliApplication.RunAsync(args, new CliEnvironment(stdin, stdout, stderr, Variables, Time));
        Output = stdout.ToString();
        Error = stderr.ToString();
        return exitCode;
    }

    public Task<int> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public void AnswerQuery(string body, int status = 200) =>
        Server.Given(Request.Create().WithPath(QueryPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Server.LogEntries.Where(entry => entry.RequestMessage.Path == path).OrderBy(entry => entry.RequestMessage.DateTime).ToList();

    public System.Text.Json.Nodes.JsonNode SingleQueryBody() =>
        System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(Requests(QueryPath)).RequestMessage.Body!)!;

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
