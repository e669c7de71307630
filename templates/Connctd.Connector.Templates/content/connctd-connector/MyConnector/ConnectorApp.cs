using Connctd.Connector.Sdk.AspNetCore;

namespace MyConnector;

/// <summary>Builds the connector's web application; the tests build it the same way, with their own configuration.</summary>
public static class ConnectorApp
{
    /// <summary>Builds the application.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Changes the builder before the services are added.</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        // Connctd:PublicKey (the publication's key) and Connctd:PlatformUrl come from configuration; see appsettings.json.
        builder.Services.AddConnctdConnector<DeviceConnector>(builder.Configuration.GetSection("Connctd"));
        builder.Services.AddHealthChecks().AddConnctdConnectorChecks();

        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        app.MapHealthChecks("/health");
        return app;
    }
}
