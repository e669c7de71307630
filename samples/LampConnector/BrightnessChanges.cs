using System.Threading.Channels;

namespace LampConnector;

/// <summary>A brightness change the hub carries out a moment later.</summary>
/// <param name="ActionRequestId">The pending action request to complete.</param>
/// <param name="InstanceId">The instance of the lamp.</param>
/// <param name="ThingId">The platform's thing id of the lamp.</param>
/// <param name="LampId">The lamp's external id.</param>
/// <param name="Brightness">The new brightness.</param>
public sealed record BrightnessChange(string ActionRequestId, string InstanceId, string ThingId, string LampId, double Brightness);

/// <summary>Hands brightness changes from the action hook to <see cref="BrightnessWorker"/>.</summary>
public sealed class BrightnessChanges
{
    private readonly Channel<(BrightnessChange Change, DateTimeOffset Due)> _channel =
        Channel.CreateUnbounded<(BrightnessChange, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;

    /// <summary>Creates the queue.</summary>
    public BrightnessChanges(TimeProvider time) => _time = time;

    /// <summary>How long the simulated hub takes to dim a lamp.</summary>
    public static TimeSpan Delay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Queues a change, due <see cref="Delay"/> from now.</summary>
    public void Enqueue(BrightnessChange change) => _channel.Writer.TryWrite((change, _time.GetUtcNow() + Delay));

    /// <summary>Reads the changes in order; each is due at or after the one before.</summary>
    public IAsyncEnumerable<(BrightnessChange Change, DateTimeOffset Due)> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
