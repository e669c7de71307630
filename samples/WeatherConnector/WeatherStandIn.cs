using System.Collections.Concurrent;
using System.Globalization;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace WeatherConnector;

/// <summary>
/// A loopback stand-in for the weather API (OpenWeatherMap's <c>GET data/2.5/weather?q=&amp;units=metric&amp;appid=</c>),
/// on WireMock.Net at 127.0.0.1: answers 401 for an unknown API key, 404 for an unknown city, and can be told to fail.
/// </summary>
public sealed class WeatherStandIn : IDisposable
{
    private readonly ConcurrentDictionary<string, (double Temp, double Humidity)> _cities = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private volatile int _failWith;

    private WeatherStandIn(WireMockServer server)
    {
        Server = server;
        Server.Given(Request.Create().WithPath("/data/2.5/weather").UsingGet()).RespondWith(Response.Create().WithCallback(Answer));
        AddKey("demo-key");
        SetWeather("Berlin", 21.5, 40);
        SetWeather("London", 14, 80);
    }

    /// <summary>The WireMock server, to inspect the requests it got.</summary>
    public WireMockServer Server { get; }

    /// <summary>The stand-in's base address.</summary>
    public Uri BaseUrl => new(Server.Url! + "/");

    /// <summary>Starts a stand-in on a free port of 127.0.0.1, knowing the key <c>demo-key</c> and the cities Berlin and London.</summary>
    /// <returns>The running stand-in.</returns>
    public static WeatherStandIn Start() =>
        new(WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] }));

    /// <summary>Accepts an API key.</summary>
    /// <param name="apiKey">The key.</param>
    public void AddKey(string apiKey) => _keys[apiKey] = 0;

    /// <summary>Sets a city's weather.</summary>
    /// <param name="city">The city.</param>
    /// <param name="temperature">°C.</param>
    /// <param name="humidity">%.</param>
    public void SetWeather(string city, double temperature, double humidity) => _cities[city] = (temperature, humidity);

    /// <summary>Answers every request with <paramref name="status"/> (for example 503) until <see cref="Recover"/>.</summary>
    /// <param name="status">The status.</param>
    public void Fail(int status = 503) => _failWith = status;

    /// <summary>Answers normally again.</summary>
    public void Recover() => _failWith = 0;

    /// <summary>How many weather requests arrived.</summary>
    public int RequestCount => Server.LogEntries.Count;

    /// <inheritdoc />
    public void Dispose() => Server.Stop();

    private ResponseMessage Answer(IRequestMessage request)
    {
        if (_failWith != 0)
        {
            return Json(_failWith, """{"cod":503,"message":"unavailable"}""");
        }

        string? key = request.Query?.TryGetValue("appid", out WireMockList<string>? keys) == true ? keys.FirstOrDefault() : null;
        if (key is null || !_keys.ContainsKey(key))
        {
            return Json(401, """{"cod":401,"message":"Invalid API key."}""");
        }

        string city = (request.Query!.TryGetValue("q", out WireMockList<string>? cities) ? cities.FirstOrDefault() : null) ?? "";
        if (!_cities.TryGetValue(city, out var weather))
        {
            return Json(404, """{"cod":"404","message":"city not found"}""");
        }

        string temp = weather.Temp.ToString("R", CultureInfo.InvariantCulture);
        string humidity = weather.Humidity.ToString("R", CultureInfo.InvariantCulture);
        return Json(200, $$$"""{"name":"{{{city}}}","main":{"temp":{{{temp}}},"humidity":{{{humidity}}}}}""");
    }

    private static ResponseMessage Json(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
    };
}
