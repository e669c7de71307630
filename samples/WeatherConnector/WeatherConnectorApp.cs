using Connctd.Connector.Sdk.AspNetCore;

namespace WeatherConnector;

/// <summary>Builds the weather connector's web application: the connctd callbacks, the weather API, the refresh loop and health checks.</summary>
public static class WeatherConnectorApp
{
    /// <summary>Builds the application.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Changes the builder before the services are added (tests add configuration here).</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        ConfigurationManager configuration = builder.Configuration;

        builder.Services.AddOptions<WeatherOptions>().Bind(configuration.GetSection(WeatherOptions.SectionName)).ValidateOnStart();

        // The local stand-in for the weather API: a WireMock.Net server on 127.0.0.1 (Weather:StandIn = true).
        WeatherStandIn? standIn = configuration.GetValue<bool>("Weather:StandIn") ? WeatherStandIn.Start() : null;
        if (standIn is not null)
        {
            builder.Services.AddSingleton(_ => standIn); // created by a factory, so the container stops it on shutdown
        }

        builder.Services.AddConnctdConnector<WeatherConnector>(configuration.GetSection("Connctd"))
            .AddUpstreamApi(WeatherApi.Name, options =>
            {
                // Weather:BaseUrl (or the stand-in) is the weather API; the API key of each installation goes in the query.
                options.BaseUrl = standIn?.BaseUrl ?? (configuration["Weather:BaseUrl"] is { Length: > 0 } url ? new Uri(url) : WeatherOptions.DefaultBaseUrl);
                options.Authentication.Kind = UpstreamAuthenticationKind.ApiKey;
                options.Authentication.ApiKeyLocation = UpstreamApiKeyLocation.Query;
                options.Authentication.ApiKeyName = "appid";
                options.Authentication.ApiKeyFrom = WeatherConnector.ApiKeyParameter;
            });
        builder.Services.AddHostedService<WeatherRefreshService>();
        builder.Services.AddHealthChecks().AddConnctdConnectorChecks().AddConnctdUpstreamChecks();

        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        app.MapHealthChecks("/health");
        return app;
    }
}
