using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.Management.Tests;

/// <summary>
/// WireMock.Net on 127.0.0.1 as the GraphQL endpoint, the login and the token endpoint, and a
/// <see cref="ManagementClient"/> built through <c>AddConnctdManagementClient</c> with fake logging at Trace level.
/// </summary>
internal sealed class ManagementTestHost : IDisposable
{
    public const string QueryPath = "/api/v1/query";
    public const string LoginPath = "/api/v1/auth/login";
    public const string TokenPath = "/oauth2/token";
    public const string Email = "dev@example.com";
    public const string Password = "pa55-word-SECRET";
    public const string ClientId = "app-client-1";
    public const string ClientSecret = "client-secret-SECRET";
    public const string DeveloperToken = "developer-token-SECRET";
    public const string ServiceToken = "service-token-SECRET";

    private readonly ServiceProvider _provider;

    public ManagementTestHost(Action<ManagementClientOptions>? configure = null, bool stubTokens = true)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        if (stubTokens)
        {
            Server.Given(Request.Create().WithPath(LoginPath).UsingPost())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                    .WithBody($$"""{"token":"{{DeveloperToken}}","expires_in":3600}"""));
            Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                    .WithBody($$"""{"access_token":"{{ServiceToken}}","expires_in":3600,"token_type":"bearer"}"""));
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        services.AddSingleton<TimeProvider>(Time);
        services.AddConnctdManagementClient(options =>
        {
            options.Endpoint = new Uri(Server.Url + QueryPath);
            options.LoginUrl = new Uri(Server.Url + LoginPath);
            options.TokenUrl = new Uri(Server.Url + TokenPath);
            options.Developer.Email = Email;
            options.Developer.Password = Password;
            options.Service.ClientId = ClientId;
            options.Service.ClientSecret = ClientSecret;
            options.Timeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(options);
        });
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<ManagementClient>();
    }

    public WireMockServer Server { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public ManagementClient Client { get; }

    public IServiceProvider Services => _provider;

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Server.LogEntries.Where(entry => entry.RequestMessage.Path == path).OrderBy(entry => entry.RequestMessage.DateTime).ToList();

    /// <summary>Answers the GraphQL endpoint with <paramref name="body"/> and <paramref name="status"/>.</summary>
    public void AnswerQuery(string body, int status = 200) =>
        Server.Given(Request.Create().WithPath(QueryPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>The one GraphQL request: its body as JSON and its headers.</summary>
    public (JsonNode Body, IDictionary<string, WireMock.Types.WireMockList<string>> Headers) SingleQuery()
    {
        ILogEntry entry = Assert.Single(Requests(QueryPath));
        return (JsonNode.Parse(entry.RequestMessage.Body!)!, entry.RequestMessage.Headers!);
    }

    /// <summary>Asserts the GraphQL request carried exactly this document, operation name and variables.</summary>
    public void AssertQuery(string document, string? operationName, string variablesJson, string token)
    {
        (JsonNode body, var headers) = SingleQuery();
        Assert.Equal(document, body["query"]!.GetValue<string>());
        Assert.Equal(operationName, body["operationName"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(variablesJson), body["variables"]), "variables: " + body["variables"]!.ToJsonString());
        Assert.Equal("Bearer " + token, Assert.Single(headers["Authorization"]));
        Assert.StartsWith("application/json", Assert.Single(headers["Content-Type"]), StringComparison.Ordinal);
    }

    /// <summary>Asserts no log record (message or structured state) holds any secret.</summary>
    public void AssertNoSecretLogged()
    {
        string[] secrets = [Password, ClientSecret, DeveloperToken, ServiceToken, Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret))];
        Assert.NotEmpty(Logs.GetSnapshot());
        foreach (FakeLogRecord record in Logs.GetSnapshot())
        {
            var text = new StringBuilder(record.Message);
            foreach (KeyValuePair<string, string?> pair in record.StructuredState ?? [])
            {
                text.Append(' ').Append(pair.Key).Append('=').Append(pair.Value);
            }

            text.Append(' ').Append(record.Exception);
            foreach (string secret in secrets)
            {
                Assert.DoesNotContain(secret, text.ToString(), StringComparison.Ordinal);
            }
        }
    }

    public void Dispose()
    {
        _provider.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
