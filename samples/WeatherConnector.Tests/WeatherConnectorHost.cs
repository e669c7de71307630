using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WeatherConnector.Tests;

/// <summary>
/// The weather connector as it runs: Kestrel on 127.0.0.1, SQLite in a temp directory, the platform API as WireMock,
/// the weather API as <see cref="WeatherStandIn"/>, and callbacks signed like the platform signs them.
/// </summary>
public sealed class WeatherConnectorHost : IAsyncDisposable
{
    public const string ApiKey = "weather-key-7d1f0c";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weather-connector-tests", Guid.NewGuid().ToString("N"));
    private readonly RequestSigner _signer = RequestSigner.Generate();
    private int _thingCounter;
    private WebApplication? _app;

    public WeatherConnectorHost()
    {
        Weather.AddKey(ApiKey);
        Platform = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Platform.Given(Request.Create().WithPath("/api/v1/connectorhub/callback/instances/things").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $"{{\"id\":\"thing-{Interlocked.Increment(ref _thingCounter)}\"}}"));
        Platform.Given(Request.Create().WithPath("/api/v1/*").UsingAnyMethod()).AtPriority(100).RespondWith(Response.Create().WithStatusCode(204));
    }

    public WeatherStandIn Weather { get; } = WeatherStandIn.Start();

    public WireMockServer Platform { get; }

    public FakeLogCollector Logs { get; } = new();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task<WeatherConnectorHost> StartAsync()
    {
        Directory.CreateDirectory(_directory);
        _app = WeatherConnectorApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connctd:PublicKey"] = _signer.PublicKey.ToBase64(),
                ["Connctd:PlatformUrl"] = $"{Platform.Url}/api/v1/",
                ["Connctd:Sqlite:DatabasePath"] = Path.Combine(_directory, "connector.db"),
                ["Connctd:Resilience:RetryDelay"] = "00:00:00.050",
                ["Connctd:Upstream:weather:Resilience:MaxRetries"] = "0",
                ["Connctd:Upstream:weather:Resilience:AttemptTimeout"] = "00:00:02",
                ["Connctd:Upstream:weather:Resilience:TotalTimeout"] = "00:00:05",
                ["Connctd:Upstream:weather:Resilience:RateLimitPerMinute"] = "",
                ["Connctd:Upstream:weather:Resilience:CircuitBreakerThreshold"] = "2",
                ["Connctd:Upstream:weather:Resilience:CircuitBreakerRecovery"] = "00:00:01",
                ["Weather:BaseUrl"] = Weather.BaseUrl.ToString(),
                ["Weather:RefreshInterval"] = "00:00:00.200",
            });
        });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return this;
    }

    public Task<HttpResponseMessage> InstallAsync(string id, string apiKey = ApiKey) =>
        PostAsync("/connctd/installations", $$"""{"id":"{{id}}","token":"installation-token-{{id}}","state":1,"configuration":[{"id":"apiKey","value":"{{apiKey}}"}]}""");

    public Task<HttpResponseMessage> InstantiateAsync(string id, string installationId, string city) =>
        PostAsync("/connctd/instances", $$"""{"id":"{{id}}","installation_id":"{{installationId}}","token":"instance-token-{{id}}","state":1,"configuration":[{"id":"city","value":"{{city}}"}]}""");

    /// <summary>The values the platform received for a property of a thing, in order.</summary>
    public IReadOnlyList<string> ValuesOf(string thingId, string propertyId) =>
        Platform.LogEntries
            .Where(entry => entry.RequestMessage.Method == "PUT" &&
                            entry.RequestMessage.Path == $"/api/v1/connectorhub/callback/instances/things/{thingId}/components/weather/properties/{propertyId}")
            .Select(entry => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("value").GetString()!)
            .ToArray();

    /// <summary>The statuses the platform received for a thing, in order.</summary>
    public IReadOnlyList<string> StatusesOf(string thingId) =>
        Platform.LogEntries
            .Where(entry => entry.RequestMessage.Method == "PUT" && entry.RequestMessage.Path == $"/api/v1/connectorhub/callback/instances/things/{thingId}/status")
            .Select(entry => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("status").GetString()!)
            .ToArray();

    public IReadOnlyList<string> CreatedThingNames() =>
        Platform.LogEntries
            .Where(entry => entry.RequestMessage.Method == "POST" && entry.RequestMessage.Path == "/api/v1/connectorhub/callback/instances/things")
            .Select(entry => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("thing").GetProperty("name").GetString()!)
            .ToArray();

    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(record =>
        $"{record.Category} {record.Message} {string.Join(';', record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])} {record.Exception}"));

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string target, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        string date = HttpDate.Format(DateTimeOffset.UtcNow);
        string signature = _signer.Sign("POST", "https", $"{BaseAddress.Host}:{BaseAddress.Port}", target, date, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, target)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("Signature", signature);
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Platform.Stop();
        Weather.Dispose();
        Http.Dispose();
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
