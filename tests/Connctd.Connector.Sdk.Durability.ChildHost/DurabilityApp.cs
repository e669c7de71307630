using System.Globalization;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore;

namespace Connctd.Connector.Sdk.Durability.ChildHost;

/// <summary>
/// Builds the connector the durability tests run, in-process or as a child process, from configuration:
/// <c>Connctd:*</c> as for any connector (public key, platform URL, outbox and resilience settings, SQLite path),
/// plus <c>Durability:PostgreSql</c> and <c>Durability:Schema</c> to use PostgreSQL instead of the SQLite file in the
/// content root.
/// </summary>
public static class DurabilityApp
{
    /// <summary>Where the callbacks are mapped.</summary>
    public const string CallbackPath = "/connctd";

    /// <summary>
    /// Test-only endpoint: <c>POST</c> <c>{"instanceId":"…","updates":[{"externalId":"…","propertyId":"…","value":"…","observedAt":"…"}]}</c>
    /// queues the updates one after the other through <see cref="IConnectorPlatform.UpdatePropertyAsync"/> and answers
    /// <c>204</c> once all of them are durably queued.
    /// </summary>
    public const string UpdatesPath = "/test/updates";

    /// <summary>The configuration key of the PostgreSQL connection string; SQLite when absent.</summary>
    public const string PostgreSqlKey = "Durability:PostgreSql";

    /// <summary>The configuration key of the PostgreSQL schema.</summary>
    public const string SchemaKey = "Durability:Schema";

    /// <summary>The configuration key of the PostgreSQL command timeout.</summary>
    public const string CommandTimeoutKey = "Durability:CommandTimeout";

    /// <summary>Creates the application, not yet started.</summary>
    /// <param name="options">Arguments and content root.</param>
    /// <param name="configure">Adds configuration and services before the connector is registered.</param>
    /// <returns>The application.</returns>
    public static WebApplication Create(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(options);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        configure?.Invoke(builder);

        ConnctdConnectorBuilder connector = builder.Services.AddConnctdConnector<DeviceConnector>(builder.Configuration.GetSection("Connctd"));
        if (builder.Configuration[PostgreSqlKey] is { Length: > 0 } connectionString)
        {
            string schema = builder.Configuration[SchemaKey] ?? "connctd";
            TimeSpan? commandTimeout = builder.Configuration.GetValue<TimeSpan?>(CommandTimeoutKey);
            connector.UsePostgreSql(connectionString, store =>
            {
                store.Schema = schema;
                store.CommandTimeout = commandTimeout ?? store.CommandTimeout;
            });
        }

        WebApplication app = builder.Build();
        app.MapConnctdConnector(CallbackPath);
        app.MapPost(UpdatesPath, QueueUpdatesAsync);
        return app;
    }

    private static async Task<IResult> QueueUpdatesAsync(HttpRequest request, IConnectorPlatform platform, CancellationToken cancellationToken)
    {
        using JsonDocument document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        JsonElement root = document.RootElement;
        string instanceId = root.GetProperty("instanceId").GetString()!;
        int queued = 0;
        foreach (JsonElement update in root.GetProperty("updates").EnumerateArray())
        {
            await platform.UpdatePropertyAsync(
                ThingReference.ByExternalId(instanceId, update.GetProperty("externalId").GetString()!),
                DeviceConnector.Component,
                update.GetProperty("propertyId").GetString()!,
                update.GetProperty("value").GetString()!,
                DateTimeOffset.Parse(update.GetProperty("observedAt").GetString()!, CultureInfo.InvariantCulture),
                CancellationToken.None);
            queued++;
        }

        return Results.Text(queued.ToString(CultureInfo.InvariantCulture));
    }
}
