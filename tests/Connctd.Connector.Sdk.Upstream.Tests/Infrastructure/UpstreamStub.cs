using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;

/// <summary>An upstream API (and OAuth2 token endpoint) as WireMock.Net on 127.0.0.1.</summary>
public sealed class UpstreamStub : IDisposable
{
    public UpstreamStub()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        AnswerOk();
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new($"{Server.Url}/api/");

    public Uri TokenUrl => new($"{Server.Url}/oauth2/token");

    /// <summary>Every /api/* request answers 200 with a small JSON body.</summary>
    public void AnswerOk()
    {
        Server.Given(Request.Create().WithPath("/api/*").UsingAnyMethod())
            .AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"value":42}"""));
    }

    /// <summary>Every /api/* request answers <paramref name="status"/> until <see cref="AnswerOk"/> (priority 10 wins over 100).</summary>
    public void AnswerStatus(int status, string path = "/api/*")
    {
        Server.Given(Request.Create().WithPath(path).UsingAnyMethod())
            .WithTitle("failure")
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(status));
    }

    /// <summary><c>/api/flaky</c> answers 503 once, then 200 to every call.</summary>
    public void FailOnceThenSucceed()
    {
        Server.Given(Request.Create().WithPath("/api/flaky").UsingAnyMethod())
            .InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(Request.Create().WithPath("/api/flaky").UsingAnyMethod())
            .InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200));
    }

    public void Recover()
    {
        foreach (var mapping in Server.Mappings.Where(mapping => mapping.Title == "failure").ToArray())
        {
            Server.DeleteMapping(mapping.Guid);
        }
    }

    /// <summary>The token endpoint hands out token-1, token-2, … valid for <paramref name="expiresIn"/> seconds.</summary>
    public void IssueTokens(int expiresIn = 3600, TimeSpan? delay = null)
    {
        int counter = 0;
        var response = Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody(_ => $$"""{"access_token":"token-{{Interlocked.Increment(ref counter)}}","token_type":"Bearer","expires_in":{{expiresIn}}}""");
        if (delay is { } wait)
        {
            response = response.WithDelay(wait);
        }

        Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost()).AtPriority(50).RespondWith(response);
    }

    public IReadOnlyList<ILogEntry> ApiRequests() =>
        Server.LogEntries.Where(entry => entry.RequestMessage.Path.StartsWith("/api/", StringComparison.Ordinal)).ToArray();

    public IReadOnlyList<ILogEntry> TokenRequests() =>
        Server.LogEntries.Where(entry => entry.RequestMessage.Path == "/oauth2/token").ToArray();

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => Server.Stop();
}
