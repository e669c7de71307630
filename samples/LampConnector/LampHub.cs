using System.Collections.Concurrent;

namespace LampConnector;

/// <summary>
/// The simulated lamp hub: the state of every lamp of every instance, in memory. A real connector would talk to the
/// manufacturer's API here.
/// </summary>
public sealed class LampHub
{
    private readonly ConcurrentDictionary<(string InstanceId, string LampId), LampState> _lamps = new();

    /// <summary>Returns a lamp's state; a lamp starts off at full brightness.</summary>
    public LampState Get(string instanceId, string lampId) => _lamps.GetOrAdd((instanceId, lampId), LampState.Initial);

    /// <summary>Switches a lamp on or off.</summary>
    public LampState SetOn(string instanceId, string lampId, bool on) =>
        _lamps.AddOrUpdate((instanceId, lampId), _ => LampState.Initial with { On = on }, (_, lamp) => lamp with { On = on });

    /// <summary>Dims a lamp.</summary>
    public LampState SetBrightness(string instanceId, string lampId, double brightness) =>
        _lamps.AddOrUpdate((instanceId, lampId), _ => LampState.Initial with { Brightness = brightness }, (_, lamp) => lamp with { Brightness = brightness });

    /// <summary>Forgets the lamps of a removed instance.</summary>
    public void Forget(string instanceId)
    {
        foreach ((string InstanceId, string LampId) key in _lamps.Keys.Where(key => key.InstanceId == instanceId))
        {
            _lamps.TryRemove(key, out _);
        }
    }
}

/// <summary>One lamp's state.</summary>
/// <param name="On">Whether it is on.</param>
/// <param name="Brightness">Its brightness, 0 to 100.</param>
public sealed record LampState(bool On, double Brightness)
{
    /// <summary>How a lamp starts: off, at full brightness.</summary>
    public static LampState Initial { get; } = new(false, 100);
}
