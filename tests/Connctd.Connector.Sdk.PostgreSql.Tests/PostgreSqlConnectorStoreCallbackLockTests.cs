namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>
/// Callback locks between store objects with pools of their own, as two replicas would have. "Still waiting" is checked
/// after a pause: on a slow machine that can only let a broken lock pass unnoticed, never fail a working one.
/// </summary>
public sealed class PostgreSqlConnectorStoreCallbackLockTests : StoreTestBase
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AcquireCallbackLock_HeldByAnotherReplica_WaitsUntilReleased()
    {
        IAsyncDisposable held = await Store.AcquireCallbackLockAsync("instance/i-1", Ct);

        Task<IAsyncDisposable> waiting = CreateStore().AcquireCallbackLockAsync("instance/i-1", Ct);
        await Task.Delay(Pause);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await using IAsyncDisposable taken = await waiting.WaitAsync(Patience);
    }

    [Fact]
    public async Task AcquireCallbackLock_OtherKeyOrOtherSchema_DoesNotWait()
    {
        await using IAsyncDisposable held = await Store.AcquireCallbackLockAsync("instance/i-1", Ct);

        await using IAsyncDisposable otherKey = await CreateStore().AcquireCallbackLockAsync("instance/i-2", Ct).WaitAsync(Patience);
        await using IAsyncDisposable otherSchema = await CreateStore(NewSchemaName()).AcquireCallbackLockAsync("instance/i-1", Ct).WaitAsync(Patience);
    }

    [Fact]
    public async Task AcquireCallbackLock_HolderDies_LockIsReleasedWithItsConnection()
    {
        _ = await CreateStore().AcquireCallbackLockAsync("installation/a-1", Ct);

        // The replica dies without releasing: the server ends its session (here: terminates the backend holding the lock).
        List<object?> terminated = await QueryAsync(
            """
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(@key, 0);
            """,
            ("key", "connctd.connector.sdk/callback/" + Schema + "/installation/a-1"));
        Assert.Equal([true], terminated);

        await using IAsyncDisposable taken = await Store.AcquireCallbackLockAsync("installation/a-1", Ct).WaitAsync(Patience);
    }

    [Fact]
    public async Task AcquireCallbackLock_CancelledWhileWaiting_ThrowsAndHoldsNothing()
    {
        IAsyncDisposable held = await Store.AcquireCallbackLockAsync("instance/i-1", Ct);
        using var cancellation = new CancellationTokenSource();
        Task<IAsyncDisposable> waiting = CreateStore().AcquireCallbackLockAsync("instance/i-1", cancellation.Token);
        await Task.Delay(Pause);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        await held.DisposeAsync();
        await using IAsyncDisposable taken = await CreateStore().AcquireCallbackLockAsync("instance/i-1", Ct).WaitAsync(Patience);
    }

    [Fact]
    public async Task AcquireCallbackLock_DisposedTwice_ReleasesOnceAndStaysReleased()
    {
        IAsyncDisposable held = await Store.AcquireCallbackLockAsync("instance/i-1", Ct);
        await held.DisposeAsync();
        await held.DisposeAsync();

        await using IAsyncDisposable again = await CreateStore().AcquireCallbackLockAsync("instance/i-1", Ct).WaitAsync(Patience);
    }

    [Fact]
    public async Task AcquireCallbackLock_EmptyKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AcquireCallbackLockAsync("", Ct));
    }
}
