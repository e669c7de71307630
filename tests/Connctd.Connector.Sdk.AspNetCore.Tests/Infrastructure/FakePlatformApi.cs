using System.Text.Json;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>The platform API as WireMock.Net on 127.0.0.1: creates things with ids thing-1, thing-2, … and accepts every update.</summary>
public sealed class FakePlatformApi : IDisposable
{
    public const string ThingsPath = "/api/v1/connectorhub/callback/instances/things";
    public const string InstanceStatePath = "/api/v1/connectorhub/callback/instances/state";
    public const string InstallationStatePath = "/api/v1/connectorhub/callback/installations/state";
    public const string ActionRequestsPath = "/api/v1/connectorhub/callback/instances/actions/requests/";
    private readonly Guid _createThingMapping = Guid.NewGuid();
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
        CreateThingsAfter(TimeSpan.Zero);
        Server.Given(Request.Create().WithPath("/api/v1/*").UsingAnyMethod())
            .AtPriority(1000)
            .RespondWith(Response.Create().WithStatusCode(204));
    }

    /// <summary>Answers every create-thing call only after <paramref name="delay"/> (to catch a host in the middle of creating).</summary>
    public void CreateThingsAfter(TimeSpan delay)
    {
        IResponseBuilder response = Response.Create()
            .WithStatusCode(201)
            .WithHeader("Content-Type", "application/json")
            .WithBody(_ => $"{{\"id\":\"thing-{Interlocked.Increment(ref _thingCounter)}\"}}");
        if (delay > TimeSpan.Zero)
        {
            response = response.WithDelay(delay);
        }

        Server.Given(Request.Create().WithPath(ThingsPath).UsingPost())
            .WithGuid(_createThingMapping)
            .AtPriority(100)
            .RespondWith(response);
    }

    /// <summary>Answers create-thing with <paramref name="status"/> (for every thing, or only for the thing named <paramref name="thingName"/>) until the returned id is passed to <see cref="Fix"/>.</summary>
    public Guid FailThingCreation(int status = 500, string? thingName = null)
    {
        var guid = Guid.NewGuid();
        IRequestBuilder request = Request.Create().WithPath(ThingsPath).UsingPost();
        if (thingName is not null)
        {
            request = request.WithBody(new WildcardMatcher($"*\"name\":\"{thingName}\"*"));
        }

        Server.Given(request)
            .WithGuid(guid)
            .AtPriority(10)
            .RespondWith(Response.Create()
                .WithStatusCode(status)
                .WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"error":"INTERNAL_SERVER_ERROR","description":"the platform is down","status":{{status}},"requestId":"req-1"}"""));
        return guid;
    }

    /// <summary>Removes a failure set up by <see cref="FailThingCreation"/>.</summary>
    public void Fix(Guid failure) => Server.DeleteMapping(failure);

    public IReadOnlyList<ILogEntry> Requests(string method, string pathPrefix) =>
        Server.LogEntries
            .Where(entry => entry.RequestMessage.Method == method && entry.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .ToArray();

    public IReadOnlyList<ILogEntry> ThingCreations() => Requests("POST", ThingsPath);

    /// <summary>Create-thing calls the platform answered with 201.</summary>
    public IReadOnlyList<ILogEntry> SuccessfulThingCreations() =>
        ThingCreations().Where(entry => StatusOf(entry) == 201).ToArray();

    public IReadOnlyList<string> CreatedThingNames() =>
        SuccessfulThingCreations().Select(ThingName).ToArray();

    public IReadOnlyList<ILogEntry> InstanceStateReports() => Requests("POST", InstanceStatePath);

    public IReadOnlyList<ILogEntry> InstallationStateReports() => Requests("POST", InstallationStatePath);

    public IReadOnlyList<ILogEntry> ActionUpdates(string actionRequestId) => Requests("PUT", ActionRequestsPath + actionRequestId);

    public static string ThingName(ILogEntry entry) =>
        JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("thing").GetProperty("name").GetString()!;

    public static JsonElement BodyJson(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.Clone();

    public static int StatusOf(ILogEntry entry) => Convert.ToInt32(entry.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bearer token a call carried, or null.</summary>
    public static string? BearerToken(ILogEntry entry)
    {
        if (entry.RequestMessage.Headers is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, WireMock.Types.WireMockList<string>> header in entry.RequestMessage.Headers)
        {
            if (header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                string value = header.Value.FirstOrDefault() ?? "";
                return value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
            }
        }

        return null;
    }

    public void Dispose() => Server.Stop();
}
