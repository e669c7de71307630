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
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MyConnector.Tests;

/// <summary>
/// The connector as it runs: Kestrel on 127.0.0.1, SQLite in a temporary folder, and the platform API as WireMock.Net.
/// Callbacks are signed with a key pair made for the test, exactly as the platform signs them.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "MyConnector.Tests", Guid.NewGuid().ToString("N"));
    private readonly RequestSigner _signer = RequestSigner.Generate();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _thingCounter;
    private WebApplication? _app;

    public ConnectorHost()
    {
        Platform = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Platform.Given(Request.Create().WithPath("/api/v1/connectorhub/callback/instances/things").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $"{{\"id\":\"thing-{Interlocked.Increment(ref _thingCounter)}\"}}"));
        Platform.Given(Request.Create().WithPath("/api/v1/*").UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(204));
    }

    /// <summary>The platform API stand-in; its log shows every call the connector made.</summary>
    public WireMockServer Platform { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task<ConnectorHost> StartAsync()
    {
        Directory.CreateDirectory(_directory);
        _app = ConnectorApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connctd:PublicKey"] = _signer.PublicKey.ToBase64(),
                ["Connctd:PlatformUrl"] = $"{Platform.Url}/api/v1/",
                ["Connctd:Sqlite:DatabasePath"] = Path.Combine(_directory, "connector.db"),
            });
        });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return this;
    }

    /// <summary>Sends a signed POST: https + Host as sent + the raw target + Date + the body, as the platform signs it.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string target, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        string date = HttpDate.Format(DateTimeOffset.UtcNow);
        string signature = _signer.Sign("POST", "https", $"{BaseAddress.Host}:{BaseAddress.Port}", target, date, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, target)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("Signature", signature);
        return await _http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostUnsignedAsync(string target, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _http.PostAsync(new Uri(BaseAddress, target), content);
    }

    /// <summary>The JSON bodies of the platform calls with this method whose path starts with <paramref name="path"/>.</summary>
    public IReadOnlyList<JsonElement> PlatformCalls(string method, string path) =>
        Platform.LogEntries
            .Where(entry => entry.RequestMessage.Method == method && entry.RequestMessage.Path.StartsWith(path, StringComparison.Ordinal))
            .Select(entry => JsonDocument.Parse(entry.RequestMessage.Body ?? "{}").RootElement.Clone())
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
