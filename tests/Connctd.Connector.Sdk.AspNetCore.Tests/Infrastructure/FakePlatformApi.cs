using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>The platform API as WireMock.Net on 127.0.0.1: creates things with ids thing-1, thing-2, … and accepts every update.</summary>
public sealed class FakePlatformApi : IDisposable
{
    public const string ThingsPath = "/api/v1/connectorhub/callback/instances/things";
    private int _thingCounter;

    public FakePlatformApi()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Reset();
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new($"{Server.Url}/api/v1/");

    public void Reset()
    {
        Server.Reset();
        Server.Given(Request.Create().WithPath(ThingsPath).UsingPost())
            .AtPriority(100)
            .RespondWith(Response.Create()
                .WithStatusCode(201)
                .WithHeader("Content-Type", "application/json")
                .WithBody(_ => $"{{\"id\":\"thing-{Interlocked.Increment(ref _thingCounter)}\"}}"));
        Server.Given(Request.Create().WithPath("/api/v1/*").UsingAnyMethod())
            .AtPriority(1000)
            .RespondWith(Response.Create().WithStatusCode(204));
    }

    public IReadOnlyList<ILogEntry> Requests(string method, string pathPrefix) =>
        Server.LogEntries
            .Where(entry => entry.RequestMessage.Method == method && entry.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .ToArray();

    public IReadOnlyList<ILogEntry> ThingCreations() => Requests("POST", ThingsPath);

    public IReadOnlyList<string> CreatedThingNames() =>
        ThingCreations().Select(entry => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("thing").GetProperty("name").GetString()!).ToArray();

    public void Dispose() => Server.Stop();
}
