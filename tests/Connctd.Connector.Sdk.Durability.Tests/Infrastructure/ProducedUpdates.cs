using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Durability.ChildHost;

namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>A property of the test connector: thing (by external id) and property id; the component is always <see cref="DeviceConnector.Component"/>.</summary>
public sealed record PropertyKey(string ExternalId, string PropertyId)
{
    public override string ToString() => $"{ExternalId}/{PropertyId}";
}

/// <summary>One value the test produced, with the device's timestamp.</summary>
public sealed record ProducedUpdate(PropertyKey Property, string Value, DateTimeOffset ObservedAt);

/// <summary>
/// Every value the test produced, in order per property (thread-safe: properties may be produced concurrently, one
/// property's values one after the other). Values are unique per property (<c>v0</c>, <c>v1</c>, …) and carry distinct
/// device timestamps, so what the platform received can be matched to what was produced.
/// </summary>
public sealed class ProducedUpdates
{
    /// <summary>The device clock of the tests: whole milliseconds, far from the real clock so it cannot be confused with the time of sending.</summary>
    public static readonly DateTimeOffset DeviceEpoch = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly Dictionary<PropertyKey, List<ProducedUpdate>> _byProperty = [];
    private long _clock;

    /// <summary>Records the next value of <paramref name="property"/> (not queued yet).</summary>
    public ProducedUpdate Next(PropertyKey property)
    {
        lock (_byProperty)
        {
            if (!_byProperty.TryGetValue(property, out List<ProducedUpdate>? list))
            {
                _byProperty[property] = list = [];
            }

            var update = new ProducedUpdate(property, "v" + list.Count.ToString(CultureInfo.InvariantCulture), DeviceEpoch.AddMilliseconds(++_clock));
            list.Add(update);
            return update;
        }
    }

    /// <summary>The next value of each property, round after round: <paramref name="rounds"/> values per property.</summary>
    public IReadOnlyList<ProducedUpdate> NextRounds(IEnumerable<PropertyKey> properties, int rounds)
    {
        PropertyKey[] keys = properties.ToArray();
        var updates = new List<ProducedUpdate>();
        for (int round = 0; round < rounds; round++)
        {
            updates.AddRange(keys.Select(Next));
        }

        return updates;
    }

    public IReadOnlyDictionary<PropertyKey, IReadOnlyList<ProducedUpdate>> ByProperty
    {
        get
        {
            lock (_byProperty)
            {
                return _byProperty.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<ProducedUpdate>)pair.Value.ToArray());
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_byProperty)
            {
                return _byProperty.Values.Sum(list => list.Count);
            }
        }
    }

    /// <summary>Queues <paramref name="update"/> through a connector's platform handle.</summary>
    public static Task QueueAsync(IConnectorPlatform platform, string instanceId, ProducedUpdate update) =>
        platform.UpdatePropertyAsync(
            ThingReference.ByExternalId(instanceId, update.Property.ExternalId),
            DeviceConnector.Component,
            update.Property.PropertyId,
            update.Value,
            update.ObservedAt);

    /// <summary>The properties of things <c>device-1</c> … <c>device-<paramref name="devices"/></c> with <paramref name="properties"/> properties each.</summary>
    public static IReadOnlyList<PropertyKey> Properties(int devices, int properties) =>
        Enumerable.Range(1, devices)
            .SelectMany(device => Enumerable.Range(0, properties).Select(index => new PropertyKey(DeviceConnector.ExternalId(device), DeviceConnector.PropertyId(index))))
            .ToArray();
}
