namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// A store shared by several replicas that can serialise the callbacks about one installation or instance across all
/// of them. The connector runtime already serialises callbacks with the same id inside one process; when the store
/// also implements this interface, a callback repeated by the platform while the first is still running waits for the
/// first even when it reached another replica, then gets the recorded answer instead of running the author's hook a
/// second time.
/// </summary>
/// <remarks>
/// The PostgreSQL store implements it with session-level advisory locks. A store used by one process only need not.
/// </remarks>
public interface ICallbackLockStore
{
    /// <summary>
    /// Waits until no other holder, in this or any other process on the same store, holds the lock on
    /// <paramref name="key"/>, then holds it until the returned object is disposed. A holder that dies releases it.
    /// </summary>
    /// <param name="key">What to lock, for example <c>instance/abc</c>; any text.</param>
    /// <param name="cancellationToken">Stops waiting; the lock is then not held.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    Task<IAsyncDisposable> AcquireCallbackLockAsync(string key, CancellationToken cancellationToken);
}
