namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>
/// Runs a store's schema migration: on request (<see cref="InitializeAsync"/>, every time it is called) or before
/// the first operation (<see cref="EnsureInitializedAsync"/>, once). One migration at a time per store object.
/// </summary>

/// <param name="migrate">Creates or upgrades the schema; idempotent.</param>
internal sealed class StoreInitialization(Func<CancellationToken, Task> migrate) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Whether a migration has completed, so operations need not wait for one.</summary>
    public bool IsInitialized => _initialized;

    /// <summary>Migrates now, even when an earlier call did already.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await migrate(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Migrates unless a migration has completed already.</summary>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await migrate(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// The synchronous counterpart of <see cref="EnsureInitializedAsync"/> for the key ring, which Data Protection reads
    /// synchronously. Blocks only until the first migration completed (every await inside uses <c>ConfigureAwait(false)</c>).
    /// </summary>
    public void EnsureInitialized()
    {
        if (!_initialized)
        {
            EnsureInitializedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
