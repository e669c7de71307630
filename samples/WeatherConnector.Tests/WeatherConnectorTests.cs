using System.Net;
using System.Text.Json;

namespace WeatherConnector.Tests;

public sealed class WeatherConnectorTests : IAsyncLifetime
{
    private readonly WeatherConnectorHost _host = new();

    public async Task InitializeAsync() => await _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Instantiate_KnownCity_CreatesThingAndPushesWeather()
    {
        using HttpResponseMessage installed = await _host.InstallAsync("inst-1");
        using HttpResponseMessage instantiated = await _host.InstantiateAsync("i-1", "inst-1", "Berlin");

        Assert.Equal(HttpStatusCode.Created, installed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, instantiated.StatusCode);
        Assert.Equal(["Weather in Berlin"], _host.CreatedThingNames());
        await WeatherConnectorHost.WaitUntilAsync(
            () => _host.ValuesOf("thing-1", "temperature").Contains("21.5") && _host.ValuesOf("thing-1", "humidity").Contains("40"),
            "temperature and humidity reach the platform");
        Assert.Contains(_host.Weather.Server.LogEntries, entry => entry.RequestMessage.Query!["appid"].Single() == WeatherConnectorHost.ApiKey);
        Assert.DoesNotContain(WeatherConnectorHost.ApiKey, _host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WeatherChanges_NewValuePushed()
    {
        using HttpResponseMessage installed = await _host.InstallAsync("inst-1");
        using HttpResponseMessage instantiated = await _host.InstantiateAsync("i-1", "inst-1", "London");
        await WeatherConnectorHost.WaitUntilAsync(() => _host.ValuesOf("thing-1", "temperature").Contains("14"), "the first value arrives");

        _host.Weather.SetWeather("London", 15.25, 75);

        // Temperature and humidity are two updates, delivered independently (in either order): wait for both.
        await WeatherConnectorHost.WaitUntilAsync(
            () => _host.ValuesOf("thing-1", "temperature").Contains("15.25") && _host.ValuesOf("thing-1", "humidity").Contains("75"),
            "the new temperature and humidity arrive");
    }

    [Fact]
    public async Task Install_WithoutApiKey_Answers401()
    {
        using HttpResponseMessage installed = await _host.InstallAsync("inst-1", apiKey: "");

        Assert.Equal(HttpStatusCode.Unauthorized, installed.StatusCode);
    }

    [Fact]
    public async Task Instantiate_UnknownCity_Answers403AndCreatesNothing()
    {
        using HttpResponseMessage installed = await _host.InstallAsync("inst-1");
        using HttpResponseMessage instantiated = await _host.InstantiateAsync("i-1", "inst-1", "Atlantis");

        Assert.Equal(HttpStatusCode.Forbidden, instantiated.StatusCode);
        Assert.Empty(_host.CreatedThingNames());
    }

    [Fact]
    public async Task Instantiate_KeyRefusedByWeatherApi_Answers401()
    {
        using HttpResponseMessage installed = await _host.InstallAsync("inst-1", apiKey: "not-a-key");
        using HttpResponseMessage instantiated = await _host.InstantiateAsync("i-1", "inst-1", "Berlin");

        Assert.Equal(HttpStatusCode.Created, installed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, instantiated.StatusCode);
    }

    [Fact]
    public async Task WeatherApiFails_ThingUnavailableAndHealthDegraded_ThenAvailableWhenItRecovers()
    {
        using HttpResponseMessage installed = await _host.InstallAsync("inst-1");
        using HttpResponseMessage instantiated = await _host.InstantiateAsync("i-1", "inst-1", "Berlin");
        await WeatherConnectorHost.WaitUntilAsync(() => _host.ValuesOf("thing-1", "temperature").Contains("21.5"), "the first value arrives");

        _host.Weather.Fail(503);
        await WeatherConnectorHost.WaitUntilAsync(() => _host.StatusesOf("thing-1").Contains("UNAVAILABLE"), "the thing is UNAVAILABLE");
        string degraded = await HealthAsync();

        _host.Weather.SetWeather("Berlin", 19, 55);
        _host.Weather.Recover();
        await WeatherConnectorHost.WaitUntilAsync(() => _host.StatusesOf("thing-1") is [.., "AVAILABLE"], "the thing is AVAILABLE again");
        await WeatherConnectorHost.WaitUntilAsync(() => _host.ValuesOf("thing-1", "temperature").Contains("19"), "fresh values flow again");

        Assert.Equal("Degraded", degraded);
        Assert.Equal("UNAVAILABLE", _host.StatusesOf("thing-1").SkipWhile(status => status != "UNAVAILABLE").First());
        Assert.Equal("Healthy", await HealthAsync());
    }

    private async Task<string> HealthAsync()
    {
        using HttpResponseMessage response = await _host.Http.GetAsync(new Uri(_host.BaseAddress, "/health"));
        string text = await response.Content.ReadAsStringAsync();
        return text;
    }
}
