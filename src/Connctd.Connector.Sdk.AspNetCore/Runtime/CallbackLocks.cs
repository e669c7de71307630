using System.Runtime.CompilerServices;
using Connctd.Connector.Sdk.AspNetCore.Internal;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// Serialises the callbacks about one installation or instance: inside this process always, and across every replica
/// on the same store when the store can (<see cref="ICallbackLockStore"/>). The process-local lock is taken first, so
/// callbacks waiting in one process hold no database connection.
/// </summary>
internal sealed class CallbackLocks(IConnectorStore store)
{
    private readonly KeyedLock _local = new();

    public async Task<ConfiguredAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        IDisposable local = await _local.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        if (store is not ICallbackLockStore shared)
        {
            return new Held(local, shared: null).ConfigureAwait(false);
        }

        try
        {
            IAsyncDisposable held = await shared.AcquireCallbackLockAsync(key, cancellationToken).ConfigureAwait(false);
            return new Held(local, held).ConfigureAwait(false);
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    private sealed class Held(IDisposable local, IAsyncDisposable? shared) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (shared is not null)
                {
                    await shared.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                local.Dispose();
            }
        }
    }
}
