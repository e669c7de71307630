namespace WeatherConnector;

/// <summary>The sample's own settings, section <c>Weather</c>.</summary>
public sealed class WeatherOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Weather";

    /// <summary>The weather API used when <see cref="BaseUrl"/> is not set.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.openweathermap.org/");

    /// <summary>The weather API's base address (<c>Weather:BaseUrl</c>).</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How often every instance's weather is fetched and pushed to the platform; 5 minutes by default.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a local stand-in for the weather API runs in the process (for a local run without an account).</summary>
    public bool StandIn { get; set; }
}
