using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Things;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;

/// <summary>A connector whose instances each get two things, "a" and "b".</summary>
public sealed class TwoThingConnector : Connctd.Connector.Sdk.AspNetCore.Connector
{
    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ThingTemplate>>([new ThingTemplate("a", Sensor("A")), new ThingTemplate("b", Sensor("B"))]);

    private static Thing Sensor(string name) => new ThingBuilder(name, "core.SENSOR")
        .AddComponent("sensor", "core.Sensor", component => component.AddProperty("value", PropertyValueType.Number, property => property.WithValue("0")))
        .Build();
}

/// <summary>
/// A real connector host (Kestrel on 127.0.0.1, SQLite in a temp directory) with the platform API on WireMock and the
/// upstream API "api" registered against <see cref="UpstreamStub"/>.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connctd-upstream-tests", Guid.NewGuid().ToString("N"));
    private readonly RequestSigner _signer = RequestSigner.Generate();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _thingCounter;
    private WebApplication? _app;
    private Uri _baseAddress = new("http://127.0.0.1/");

    public ConnectorHost()
    {
        Platform = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Platform.Given(Request.Create().WithPath("/api/v1/connectorhub/callback/instances/things").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $"{{\"id\":\"thing-{Interlocked.Increment(ref _thingCounter)}\"}}"));
        Platform.Given(Request.Create().WithPath("/api/v1/*").UsingAnyMethod()).AtPriority(100).RespondWith(Response.Create().WithStatusCode(204));
    }

    public WireMockServer Platform { get; }

    public IServiceProvider Services => _app!.Services;

    public async Task StartAsync(UpstreamStub upstream, Action<UpstreamApiOptions>? configure = null)
    {
        Directory.CreateDirectory(_directory);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKey"] = _signer.PublicKey.ToBase64(),
            ["Connctd:PlatformUrl"] = $"{Platform.Url}/api/v1/",
            ["Connctd:Resilience:RetryDelay"] = "00:00:00.050",
            ["Connctd:Upstream:api:BaseUrl"] = upstream.BaseUrl.ToString(),
            ["Connctd:Upstream:api:Resilience:MaxRetries"] = "0",
            ["Connctd:Upstream:api:Resilience:CircuitBreakerThreshold"] = "2",
            ["Connctd:Upstream:api:Resilience:CircuitBreakerRecovery"] = "00:00:00.500",
        });
        builder.Services.AddConnctdConnector<TwoThingConnector>(builder.Configuration.GetSection("Connctd"))
            .AddUpstreamApi("api", configure);
        _app = builder.Build();
        _app.MapConnctdConnector("/connctd");
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Installs "inst-1" and instantiates <paramref name="instanceId"/> through signed callbacks; its things are created.</summary>
    public async Task InstantiateAsync(string instanceId, string installationId = "inst-1")
    {
        await PostAsync("/connctd/installations", $$"""{"id":"{{installationId}}","token":"installation-token","state":1,"configuration":[]}""");
        await PostAsync("/connctd/instances", $$"""{"id":"{{instanceId}}","installation_id":"{{installationId}}","token":"instance-token","state":1,"configuration":[]}""");
    }

    public async Task<Instance> InstanceAsync(string instanceId) =>
        (await Services.GetRequiredService<IConnectorPlatform>().GetInstancesAsync()).Single(instance => instance.Id == instanceId);

    /// <summary>The statuses the platform received for a thing, in order.</summary>
    public IReadOnlyList<string> StatusesOf(string thingId) =>
        Platform.LogEntries
            .Where(entry => entry.RequestMessage.Method == "PUT" &&
                            entry.RequestMessage.Path == $"/api/v1/connectorhub/callback/instances/things/{thingId}/status")
            .Select(entry => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("status").GetString()!)
            .ToArray();

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task PostAsync(string target, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        string date = HttpDate.Format(DateTimeOffset.UtcNow);
        string signature = _signer.Sign("POST", "https", $"{_baseAddress.Host}:{_baseAddress.Port}", target, date, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, target)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("Signature", signature);
        using HttpResponseMessage response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{target} answered {(int)response.StatusCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Platform.Stop();
        _http.Dispose();
        _signer.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
