using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;
using Microsoft.Extensions.Options;

namespace WeatherConnector;

/// <summary>
/// Every <see cref="WeatherOptions.RefreshInterval"/>, fetches the weather of every complete instance with its
/// installation's API key and pushes temperature and humidity to the platform (through the durable outbox). When the
/// weather API fails repeatedly, the SDK opens its circuit and marks the things UNAVAILABLE; the next successful
/// refresh after the recovery time marks them AVAILABLE again.
/// </summary>
public sealed partial class WeatherRefreshService(
    IConnectorPlatform platform,
    IUpstreamApiClientFactory upstream,
    IOptions<WeatherOptions> options,
    TimeProvider time,
    ILogger<WeatherRefreshService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            await RefreshAllAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Refreshes every complete instance once; one instance's failure does not stop the others.</summary>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>A task that completes when every instance was tried.</returns>
    public async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        foreach (Instance instance in await platform.GetInstancesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (instance.State != Connctd.Connector.Sdk.Protocol.LifecycleState.Complete ||
                instance.Configuration.GetString(WeatherConnector.CityParameter) is not { Length: > 0 } city)
            {
                continue;
            }

            try
            {
                UpstreamApiClient client = await upstream.CreateClientAsync(WeatherApi.Name, instance, cancellationToken).ConfigureAwait(false);
                CurrentWeather weather = await WeatherApi.GetCurrentAsync(client, city, cancellationToken).ConfigureAwait(false);
                ThingReference thing = ThingReference.ByExternalId(instance.Id, WeatherConnector.ThingId);
                await platform.UpdatePropertyAsync(thing, WeatherConnector.ThingId, "temperature", weather.Main.Temp.ToString("R", CultureInfo.InvariantCulture), cancellationToken: cancellationToken).ConfigureAwait(false);
                await platform.UpdatePropertyAsync(thing, WeatherConnector.ThingId, "humidity", weather.Main.Humidity.ToString("R", CultureInfo.InvariantCulture), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (UpstreamApiException exception)
            {
                LogRefreshFailed(logger, instance.Id, exception.ErrorCode, exception.Status);
            }
            catch (ConnectorPlatformException)
            {
                // The instance or its thing is being removed, or its thing is not created yet.
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Instance {InstanceId}: the weather could not be refreshed ({ErrorCode}, status {Status}).")]
    private static partial void LogRefreshFailed(ILogger logger, string instanceId, string errorCode, int status);
}
