namespace LampConnector;

/// <summary>Builds the Lamp connector's web application; used by Program.cs, the demo and the tests alike.</summary>
public static class LampConnectorApp
{
    /// <summary>Where the callbacks are mapped: <c>/connctd/installations</c>, <c>/connctd/instances</c>, <c>/connctd/actions</c>.</summary>
    public const string CallbackPath = "/connctd";

    /// <summary>Creates the application from the command line and the usual ASP.NET Core configuration.</summary>
    /// <param name="args">The command line (for example <c>--urls http://127.0.0.1:5080</c>).</param>
    /// <param name="configure">Changes the builder before the application is built (the demo uses it).</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

        // One readable line per event. Callbacks are logged by the SDK (category Connctd.Connector.Sdk.AspNetCore),
        // platform calls by its client at Debug (Connctd.Connector.Sdk.Client); tokens never appear in either.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Connctd.Connector.Sdk.Client", LogLevel.Debug);

        // The simulated hardware and the worker that finishes slow brightness changes.
        builder.Services.AddSingleton<LampHub>();
        builder.Services.AddSingleton<BrightnessChanges>();
        builder.Services.AddHostedService<BrightnessWorker>();

        // The connector: Connctd:PublicKey and Connctd:PlatformUrl from configuration (Connctd__PublicKey, …);
        // the SQLite store is connctd-connector.db in the working directory unless Connctd:Sqlite:DatabasePath says otherwise.
        builder.Services.AddConnctdConnector<LampHubConnector>(builder.Configuration.GetSection("Connctd"));

        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.MapConnctdConnector(CallbackPath);
        app.MapGet("/", () => Results.Text("Lamp connector: connctd callbacks are served under /connctd.\n"));
        return app;
    }
}
