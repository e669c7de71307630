using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Testing;
using LampConnector;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Connctd.Connector.Sdk.DeveloperCenter.Tests.Infrastructure;

/// <summary>
/// One Developer Center session as an author has it: the dev server (fake platform and dashboard) on 127.0.0.1, the
/// Lamp sample connector on Kestrel configured with the settings the dev server prints, and headless Chromium with the
/// dashboard open. The browser is Debian's <c>chromium</c> (eng/chromium.sh installs it); Playwright never downloads one.
/// </summary>
public sealed class DashboardSession : IAsyncLifetime
{
    /// <summary>The API key the install form is given: a PASSWORD parameter, so it must never show on the page.</summary>
    public const string ApiKey = "hub-key-SECRET-1234";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connctd-devcenter-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _connector;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The installation parameter (PASSWORD) and the Lamp sample's instance parameter.</summary>
    public static ConnectorConfigurationSchema Schema { get; } = new(
        installation: [ConfigurationParameter.Password("apiKey", "Hub API key") with { Required = true }],
        instance: [ConfigurationParameter.Number("lamps", "Number of lamps")]);

    public DeveloperCenterServer Server { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    /// <summary>The browser's executable: <c>CONNCTD_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CONNCTD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Server = await DeveloperCenterServer.StartAsync(new DeveloperCenterOptions { Schema = Schema });

        _connector = LampConnectorApp.Create(["--urls", "http://127.0.0.1:0", "--contentRoot", _directory], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Server.Platform.ConnectorSettings)
            {
                ["Connctd:Sqlite:DatabasePath"] = Path.Combine(_directory, "lamps.db"),
                ["Connctd:Resilience:RetryDelay"] = "00:00:00.050",
                ["Connctd:Resilience:UseJitter"] = "false",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await _connector.StartAsync();
        Server.ConnectorUrl = new Uri(_connector.Urls.First());

        Assert.True(File.Exists(ChromiumPath), $"No browser at {ChromiumPath}: run eng/chromium.sh (Debian's chromium package), or set CONNCTD_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
        IBrowserContext context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1500 } });
        Page = await context.NewPageAsync();
        Page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        await Page.GotoAsync(Server.DashboardUrl.AbsoluteUri);
        await Assertions.Expect(Page.Locator("#live")).ToHaveTextAsync("live");
    }

    /// <summary>Installs (with the API key) and instantiates one lamp through the forms, and waits for its thing on the page.</summary>
    public async Task InstallAndInstantiateOneLampAsync()
    {
        await Page.Locator("#install-form input[name=apiKey]").FillAsync(ApiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Install", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("#installations tr[data-id='installation-1'] .state")).ToHaveTextAsync("COMPLETE");

        await Page.Locator("#instantiate-form input[name=lamps]").FillAsync("1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Instantiate", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("#instances tr[data-id='instance-1'] .state")).ToHaveTextAsync("COMPLETE");
        await Assertions.Expect(Page.Locator("[data-property='thing-1/lamp/on']")).ToHaveTextAsync("false");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_connector is not null)
        {
            await _connector.StopAsync();
            await _connector.DisposeAsync();
        }

        await Server.DisposeAsync();
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
