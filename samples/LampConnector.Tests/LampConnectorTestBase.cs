using Connctd.Connector.Sdk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LampConnector.Tests;

/// <summary>
/// One fake platform and the Lamp connector in a WebApplicationFactory, with its SQLite file in a fresh directory and
/// every log line captured. Each test class instance gets its own (xunit creates one per test).
/// </summary>
public abstract class LampConnectorTestBase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lamp-connector-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    protected FakeConnctdPlatform Platform { get; private set; } = null!;

    protected ConnectorUnderTest Connector { get; private set; } = null!;

    protected FakeLogCollector Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Platform = await FakeConnctdPlatform.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseFakeConnctdPlatform(Platform)
            .UseSetting("Connctd:Sqlite:DatabasePath", Path.Combine(_directory, "lamps.db"))
            .ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Logs))));
        Connector = Platform.ConnectTo(_factory.CreateClient());
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Installs and instantiates with the given lamp count (or none), and waits for the lamps.</summary>
    protected async Task<string> InstantiateAsync(int? lamps = null)
    {
        Dictionary<string, string>? configuration = lamps is { } count ? new() { ["lamps"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null;
        SetupCallbackResponse instance = await Connector.InstallAndInstantiateAsync(configuration);
        Assert.Equal(201, instance.StatusCode);
        await Platform.WaitForThingsAsync(instance.Id, lamps ?? 2);
        return instance.Id;
    }

    protected static Dictionary<string, string> Parameters(string name, string value) => new() { [name] = value };
}
