using System.Threading.Channels;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>Instances whose things are to be created in the background. Only ids travel here; the store holds the state.</summary>
internal sealed class ThingCreationQueue
{
    private readonly Channel<string> _instanceIds = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string instanceId) => _instanceIds.Writer.TryWrite(instanceId);

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _instanceIds.Reader.ReadAllAsync(cancellationToken);
}
