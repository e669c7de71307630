using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>
/// Marks the things that depend on an upstream circuit UNAVAILABLE while it is open and AVAILABLE again when it
/// closes, through <see cref="IConnectorPlatform.UpdateThingStatusAsync"/> (the durable outbox). A thing that
/// depends on several circuits stays UNAVAILABLE until all of them are closed. One event at a time, in order.
/// </summary>
internal sealed class UpstreamAvailabilityWorker(
    UpstreamAvailabilityTracker tracker,
    UpstreamCircuitRegistry circuits,
    IOptionsMonitor<UpstreamApiOptions> options,
    IServiceProvider services,
    ILogger<UpstreamAvailabilityWorker>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Per thing id: its instance and the open circuits that hold it UNAVAILABLE.</summary>
    private readonly Dictionary<string, (string InstanceId, HashSet<UpstreamCircuitKey> Holders)> _held = new(StringComparer.Ordinal);

    /// <summary>Things whose status this process has reported at least once.</summary>
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnectorPlatform? platform = services.GetService<IConnectorPlatform>();
        try
        {
            await foreach (AvailabilityEvent availabilityEvent in tracker.Events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (platform is not null)
                {
                    await HandleAsync(platform, availabilityEvent, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task HandleAsync(IConnectorPlatform platform, AvailabilityEvent availabilityEvent, CancellationToken cancellationToken)
    {
        UpstreamCircuitKey key = availabilityEvent.Key;
        switch (availabilityEvent.Kind)
        {
            case AvailabilityEventKind.Opened:
                IReadOnlyList<string> instances = availabilityEvent.InstanceId is { } one ? [one] : tracker.InstancesOf(key);
                foreach (string instanceId in instances)
                {
                    await MarkAsync(platform, key, instanceId, ThingStatus.Unavailable, async () =>
                    {
                        List<string> changed = [];
                        foreach (string thingId in await DependentThingsAsync(platform, key, instanceId, cancellationToken).ConfigureAwait(false))
                        {
                            if (!_held.TryGetValue(thingId, out var entry))
                            {
                                entry = (instanceId, []);
                                _held[thingId] = entry;
                            }

                            bool wasFree = entry.Holders.Count == 0;
                            entry.Holders.Add(key);
                            if (wasFree)
                            {
                                changed.Add(thingId);
                            }
                        }

                        return changed;
                    }, cancellationToken).ConfigureAwait(false);
                }

                break;

            case AvailabilityEventKind.Closed:
                foreach (IGrouping<string, string> released in ReleaseAll(key))
                {
                    await MarkAsync(platform, key, released.Key, ThingStatus.Available, () => Task.FromResult(released.ToList()), cancellationToken).ConfigureAwait(false);
                }

                break;

            case AvailabilityEventKind.Reachable when circuits.StateOf(key) == UpstreamCircuitState.Closed && availabilityEvent.InstanceId is { } instance:
                await MarkAsync(platform, key, instance, ThingStatus.Available, async () =>
                    (await DependentThingsAsync(platform, key, instance, cancellationToken).ConfigureAwait(false))
                        .Where(thingId => !_reported.Contains(thingId) && !(_held.TryGetValue(thingId, out var entry) && entry.Holders.Count > 0))
                        .ToList(), cancellationToken).ConfigureAwait(false);
                break;

            default:
                break;
        }
    }

    /// <summary>Removes <paramref name="key"/> from every thing it holds; returns the things now free, by instance.</summary>
    private IGrouping<string, string>[] ReleaseAll(UpstreamCircuitKey key)
    {
        List<(string InstanceId, string ThingId)> freed = [];
        foreach ((string thingId, (string instanceId, HashSet<UpstreamCircuitKey> holders)) in _held)
        {
            if (holders.Remove(key) && holders.Count == 0)
            {
                freed.Add((instanceId, thingId));
            }
        }

        return freed.GroupBy(item => item.InstanceId, item => item.ThingId, StringComparer.Ordinal).ToArray();
    }

    private async Task MarkAsync(
        IConnectorPlatform platform,
        UpstreamCircuitKey key,
        string instanceId,
        ThingStatus status,
        Func<Task<List<string>>> select,
        CancellationToken cancellationToken)
    {
        try
        {
            List<string> things = await select().ConfigureAwait(false);
            foreach (string thingId in things)
            {
                _reported.Add(thingId);
                try
                {
                    await platform.UpdateThingStatusAsync(ThingReference.ById(thingId), status, cancellationToken).ConfigureAwait(false);
                }
                catch (ThingNotFoundException)
                {
                    // Deleted meanwhile (the instance was removed): nothing to mark.
                }
            }

            if (things.Count > 0)
            {
                Log.UpstreamThingsMarked(_logger, key.ToString(), things.Count, instanceId, status);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.UpstreamMarkingFailed(_logger, exception, key.ToString(), instanceId, status);
        }
    }

    private async Task<IReadOnlyList<string>> DependentThingsAsync(
        IConnectorPlatform platform, UpstreamCircuitKey key, string instanceId, CancellationToken cancellationToken)
    {
        Func<string, bool>? dependent = options.Get(key.Api).DependentThings;
        IReadOnlyList<(string ExternalId, string ThingId)> things = await platform.GetThingsAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return things.Where(thing => dependent is null || dependent(thing.ExternalId)).Select(thing => thing.ThingId).ToArray();
    }
}
