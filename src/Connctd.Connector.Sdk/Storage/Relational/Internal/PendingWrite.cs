using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>A write waiting for the store's writer: the work to run inside a transaction, and its caller's task.</summary>
internal abstract class PendingWrite
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Cancelled = 2;

    private int _state;

    protected PendingWrite(WriteDurability durability) => Durability = durability;

    /// <summary>What the write must survive before its caller continues.</summary>
    public WriteDurability Durability { get; }

    /// <summary>Takes the write for running; false when its caller cancelled it while it waited.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

    /// <summary>Cancels the write if it has not been taken for running.</summary>
    protected bool TryCancelQueued() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;

    /// <summary>Runs the work in the transaction; its result is kept until <see cref="Complete"/>.</summary>
    public abstract ValueTask RunAsync(StoreConnection connection, DbTransaction transaction);

    /// <summary>Hands the kept result to the caller (after the commit that holds the write).</summary>
    public abstract void Complete();

    /// <summary>Fails the caller.</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>A write whose work returns a <typeparamref name="T"/>.</summary>
internal sealed class PendingWrite<T> : PendingWrite
{
    private readonly Func<StoreConnection, DbTransaction, ValueTask<T>> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private T _result = default!;

    public PendingWrite(Func<StoreConnection, DbTransaction, ValueTask<T>> work, WriteDurability durability, CancellationToken cancellationToken)
        : base(durability)
    {
        _work = work;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var write = (PendingWrite<T>)state!;
                    if (write.TryCancelQueued())
                    {
                        write._completion.TrySetCanceled(token);
                    }
                },
                this);
        }
    }

    /// <summary>Completes when the write is committed (or failed, or cancelled before it ran).</summary>
    public Task<T> Task => _completion.Task;

    public override async ValueTask RunAsync(StoreConnection connection, DbTransaction transaction) =>
        _result = await _work(connection, transaction).ConfigureAwait(false);

    public override void Complete()
    {
        _cancellation.Dispose();
        _completion.TrySetResult(_result);
    }

    public override void Fail(Exception exception)
    {
        _cancellation.Dispose();
        _completion.TrySetException(exception);
    }
}
