namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// The replay cache: the lifecycle callbacks accepted within the last two clock-skew windows, shared by every replica
/// on the store. The runtime refuses a callback that is older than, or was superseded by, one accepted for the same
/// installation or instance, and a creation signed in the second its subject was removed.
/// </summary>
public interface IReplayCacheStore
{
    /// <summary>Returns the callbacks accepted for <paramref name="subject"/> that have not expired at <paramref name="now"/>, in the order they were accepted.</summary>
    /// <param name="subject">The subject (<see cref="AcceptedCallback.Subject"/>).</param>
    /// <param name="now">The current time; entries with <see cref="AcceptedCallback.ExpiresAt"/> at or before it are left out.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The accepted callbacks, oldest first.</returns>
    Task<IReadOnlyList<AcceptedCallback>> ListAcceptedCallbacksAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records accepted callbacks in one durable write, each unless one with its subject and signature hash is recorded,
    /// and forgets every entry that expired before the first one's <see cref="AcceptedCallback.AcceptedAt"/>.
    /// </summary>
    /// <param name="callbacks">The callbacks (an uninstallation records its installation and each of its instances).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the callbacks are stored durably.</returns>
    Task RecordAcceptedCallbacksAsync(IReadOnlyList<AcceptedCallback> callbacks, CancellationToken cancellationToken);
}
