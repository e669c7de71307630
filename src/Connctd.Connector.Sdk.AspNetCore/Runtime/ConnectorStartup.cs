using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>Creates or upgrades the store's schema before the server accepts the first callback.</summary>
internal sealed class ConnectorStartup(IConnectorStore store, ILogger<ConnectorStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Log.StoreReady(logger, store.GetType().Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
