using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.AspNetCore;

namespace WeatherConnector;

/// <summary>The weather API's one operation, typed: the current weather of a city (OpenWeatherMap's shape).</summary>
public static class WeatherApi
{
    /// <summary>The name the API is registered with.</summary>
    public const string Name = "weather";

    /// <summary>Fetches the current weather of <paramref name="city"/> in metric units.</summary>
    /// <param name="client">The client of the installation or instance.</param>
    /// <param name="city">The city, for example <c>Berlin</c> or <c>London,UK</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current weather.</returns>
    /// <exception cref="UpstreamApiException">The API failed or refused (404: unknown city, 401: bad API key).</exception>
    public static Task<CurrentWeather> GetCurrentAsync(UpstreamApiClient client, string city, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetFromJsonAsync(
            $"data/2.5/weather?q={Uri.EscapeDataString(city)}&units=metric", WeatherJsonContext.Default.CurrentWeather, cancellationToken);
    }
}

/// <summary>The part of the answer the connector uses.</summary>
/// <param name="Name">The city's name.</param>
/// <param name="Main">The measurements.</param>
public sealed record CurrentWeather(string? Name, Measurements Main);

/// <summary>Temperature in °C and relative humidity in %.</summary>
/// <param name="Temp">The temperature.</param>
/// <param name="Humidity">The relative humidity.</param>
public sealed record Measurements(double Temp, double Humidity);

/// <summary>Source-generated JSON for the weather API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CurrentWeather))]
public sealed partial class WeatherJsonContext : JsonSerializerContext;
