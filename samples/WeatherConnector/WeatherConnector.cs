using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace WeatherConnector;

/// <summary>
/// A connector for a weather API. The installation's configuration holds the API key (parameter <c>apiKey</c>, a
/// PASSWORD), each instance's the city (parameter <c>city</c>). Every instance gets one thing with a temperature and
/// a humidity property, refreshed by <see cref="WeatherRefreshService"/>.
/// </summary>
public sealed partial class WeatherConnector(IUpstreamApiClientFactory upstream, ILogger<WeatherConnector> logger) : Connector
{
    /// <summary>The installation parameter that holds the API key.</summary>
    public const string ApiKeyParameter = "apiKey";

    /// <summary>The instance parameter that holds the city.</summary>
    public const string CityParameter = "city";

    /// <summary>The external id of an instance's one thing, and the id of its component.</summary>
    public const string ThingId = "weather";

    /// <inheritdoc />
    public override ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(string.IsNullOrWhiteSpace(context.Installation.Configuration.GetString(ApiKeyParameter))
            ? SetupOutcome.Unauthorized("The weather API key is missing.")
            : SetupOutcome.Completed());
    }

    /// <summary>Checks the city with the weather API: an unknown city or a refused key refuses the instance.</summary>
    /// <param name="context">The instance.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The outcome.</returns>
    public override async ValueTask<SetupOutcome> OnInstantiateAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Instance.Configuration.GetString(CityParameter) is not { Length: > 0 } city)
        {
            return SetupOutcome.Forbidden("The city is missing.");
        }

        try
        {
            UpstreamApiClient client = upstream.CreateClient(WeatherApi.Name, context.Installation, context.Instance);
            _ = await WeatherApi.GetCurrentAsync(client, city, cancellationToken).ConfigureAwait(false);
            return SetupOutcome.Completed();
        }
        catch (UpstreamApiException exception) when (exception.Status == 404)
        {
            return SetupOutcome.Forbidden($"The weather API does not know the city '{city}'.");
        }
        catch (UpstreamApiException exception) when (exception.Status is 401 or 403 || exception.ErrorCode == UpstreamErrorCodes.MissingCredentials)
        {
            return SetupOutcome.Unauthorized("The weather API refused the installation's API key.");
        }
        catch (UpstreamApiException exception) when (exception.IsTransient)
        {
            // The API is down now: accept the instance; its thing shows UNAVAILABLE until the API answers again.
            LogCityNotChecked(logger, context.Instance.Id, exception.ErrorCode);
            return SetupOutcome.Completed();
        }
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string city = context.Instance.Configuration.GetString(CityParameter, "unknown");
        Thing thing = new ThingBuilder($"Weather in {city}", "core.SENSOR")
            .WithManufacturer("Weather sample")
            .WithAttribute("city", city)
            .AddComponent(ThingId, "core.WeatherStation", component => component
                .AddProperty("temperature", PropertyValueType.Number, property => property.WithUnit("°C").WithPropertyType("core.TEMPERATURE").WithValue("0"))
                .AddProperty("humidity", PropertyValueType.Number, property => property.WithUnit("%").WithPropertyType("core.HUMIDITY").WithValue("0")))
            .Build();
        return ValueTask.FromResult<IReadOnlyList<ThingTemplate>>([new ThingTemplate(ThingId, thing)]);
    }

    [LoggerMessage(1, LogLevel.Warning, "Instance {InstanceId}: the city could not be checked ({ErrorCode}); accepted anyway.")]
    private static partial void LogCityNotChecked(ILogger logger, string instanceId, string errorCode);
}
