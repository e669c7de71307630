using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FunctionsConnector.Tests;

/// <summary>
/// The function app in-process: its services from <see cref="FunctionsConnectorServices.AddPlugConnector"/> in a
/// generic host (started, so the store is created as at the worker's start; the Functions worker's own gRPC channel
/// to the Functions host is the one part left out), a SQLite file in a directory of its own, the fake platform on
/// 127.0.0.1. Each invocation gets a service scope and a new <see cref="ConnctdFunctions"/>, as the worker makes them.
/// </summary>
public abstract class FunctionAppTest : IAsyncLifetime, IDisposable
{
    /// <summary>The upper bound of every wait; a wait returns as soon as its condition holds.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The function app's public URL, as the platform calls it (and as Connctd:SignedUrl:PublicBaseUrl names it).</summary>
    protected static readonly Uri PublicUrl = new("https://plugs-connector.example.net/");

    /// <summary>The largest callback body this app accepts (Connctd:MaxRequestBodySize).</summary>
    protected const int MaxBodySize = 4096;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connctd-functions-sample", Guid.NewGuid().ToString("N"));
    private HttpClient? _client;

    protected FakeConnctdPlatform Platform { get; private set; } = null!;

    protected IHost App { get; private set; } = null!;

    /// <summary>Sends the platform's signed callbacks into <see cref="ConnctdFunctions.CallbackAsync"/>.</summary>
    protected ConnectorUnderTest Connector { get; private set; } = null!;

    protected IConnectorStore Store => App.Services.GetRequiredService<IConnectorStore>();

    public async Task InitializeAsync()
    {
        Platform = await FakeConnctdPlatform.StartAsync(new FakeConnctdPlatformOptions { DefaultTimeout = Patience });
        Directory.CreateDirectory(_directory);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _directory,
            EnvironmentName = Environments.Development,
            Configuration = new ConfigurationManager(),
        });
        builder.Configuration.AddInMemoryCollection(Platform.ConnectorSettings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // As in the app settings of a deployed function app (README): the database file and the public URL.
            ["Connctd:Sqlite:DatabasePath"] = Path.Combine(_directory, "connctd-connector.db"),
            ["Connctd:SignedUrl:Mode"] = "PublicBaseUrl",
            ["Connctd:SignedUrl:PublicBaseUrl"] = PublicUrl.AbsoluteUri,
            ["Connctd:MaxRequestBodySize"] = MaxBodySize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Small delays so that a retry after an outage is due within the test; the outbox is the one retry loop.
            ["Connctd:Outbox:RetryDelay"] = "00:00:00.050",
            ["Connctd:Outbox:MaxRetryDelay"] = "00:00:00.500",
            ["Connctd:Resilience:MaxRetries"] = "0",
            ["Connctd:Resilience:CircuitBreakerRecovery"] = "00:00:00.500",
        });
        builder.Services.AddPlugConnector(builder.Configuration);
        App = builder.Build();
        await App.StartAsync();

        _client = new HttpClient(new FunctionInvoker(App.Services, InvokeCallbackAsync)) { BaseAddress = PublicUrl };
        Connector = Platform.ConnectTo(_client, ConnctdFunctions.CallbackPath);
    }

    public void Dispose()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        App.Dispose();
        await Platform.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open for a moment: the temporary directory is cleaned up by the OS.
        }
    }

    /// <summary>Runs the timer-triggered function once, as its schedule would.</summary>
    protected async Task RunTimerAsync()
    {
        await using AsyncServiceScope scope = App.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ConnctdFunctions>(scope.ServiceProvider).DrainOutboxAsync(new TimerInfo(), CancellationToken.None);
    }

    /// <summary>How many messages wait in the outbox.</summary>
    protected async Task<long> OutboxDepthAsync() => (await Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <see cref="Patience"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string description)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {Patience.TotalSeconds} s waiting for {description}.");
            }
        }
    }

    private async Task<IActionResult> InvokeCallbackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = App.Services.CreateAsyncScope();
        request.HttpContext.RequestServices = scope.ServiceProvider;
        return await ActivatorUtilities.CreateInstance<ConnctdFunctions>(scope.ServiceProvider).CallbackAsync(request, cancellationToken);
    }
}
