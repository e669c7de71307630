using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>
/// Remembers which instances use which upstream circuit and hands circuit transitions to
/// <see cref="UpstreamAvailabilityWorker"/>, which marks the dependent things through the outbox. Cheap and
/// non-blocking for callers: circuit callbacks and clients only post events.
/// </summary>
internal sealed class UpstreamAvailabilityTracker(IOptionsMonitor<UpstreamApiOptions> options, UpstreamCircuitRegistry circuits)
{
    private readonly ConcurrentDictionary<UpstreamCircuitKey, ConcurrentDictionary<string, byte>> _instances = new();
    private readonly ConcurrentDictionary<(UpstreamCircuitKey, string), byte> _reachable = new();
    private readonly Channel<AvailabilityEvent> _events = Channel.CreateUnbounded<AvailabilityEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AvailabilityEvent> Events => _events.Reader;

    /// <summary>An instance uses a circuit; if it is open now, its things are marked at once.</summary>
    public void Register(UpstreamCircuitKey key, string instanceId)
    {
        if (!options.Get(key.Api).TrackThingAvailability)
        {
            return;
        }

        ConcurrentDictionary<string, byte> instances = _instances.GetOrAdd(key, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        if (instances.TryAdd(instanceId, 0) && circuits.StateOf(key) is UpstreamCircuitState.Open or UpstreamCircuitState.Isolated)
        {
            Post(new AvailabilityEvent(AvailabilityEventKind.Opened, key, instanceId));
        }
    }

    /// <summary>The API answered for an instance; the first time in this process its things are confirmed AVAILABLE.</summary>
    public void Reachable(UpstreamCircuitKey key, string instanceId)
    {
        if (options.Get(key.Api).TrackThingAvailability && _reachable.TryAdd((key, instanceId), 0))
        {
            Post(new AvailabilityEvent(AvailabilityEventKind.Reachable, key, instanceId));
        }
    }

    public void Opened(UpstreamCircuitKey key) => Post(new AvailabilityEvent(AvailabilityEventKind.Opened, key, null));

    public void Closed(UpstreamCircuitKey key) => Post(new AvailabilityEvent(AvailabilityEventKind.Closed, key, null));

    /// <summary>The instances registered for a circuit.</summary>
    public IReadOnlyList<string> InstancesOf(UpstreamCircuitKey key) =>
        _instances.TryGetValue(key, out ConcurrentDictionary<string, byte>? instances) ? instances.Keys.Order(StringComparer.Ordinal).ToArray() : [];

    private void Post(AvailabilityEvent availabilityEvent) => _events.Writer.TryWrite(availabilityEvent);
}

/// <summary>What happened to a circuit, for one instance or (when <see cref="InstanceId"/> is null) every registered one.</summary>
internal sealed record AvailabilityEvent(AvailabilityEventKind Kind, UpstreamCircuitKey Key, string? InstanceId);

internal enum AvailabilityEventKind
{
    Opened,
    Closed,
    Reachable,
}
