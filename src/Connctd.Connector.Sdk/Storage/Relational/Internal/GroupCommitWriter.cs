using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>
/// The write path of a relational store: writes queue here and a writer commits whatever is waiting in one
/// transaction, so concurrent writers share one commit (and one flush) instead of paying one each.
/// </summary>
/// <remarks>
/// <para>
/// A lone write commits at once: the writer never waits for company. While a batch runs, writes that arrive join it,
/// up to <see cref="MaxBatchSize"/> writes or <see cref="MaxBatchDuration"/> of work; each caller continues only after
/// the commit. A batch's durability is the strongest of the writes waiting when it begins (SQLite cannot change it
/// inside a transaction): a write arriving later that needs more waits for the next batch, one that needs less gets more.
/// </para>
/// <para>
/// A write that fails (a unique or foreign key violation, or any other error) must fail only its own caller: the
/// batch is rolled back and each of its writes runs again alone, in a transaction of its own, so its batch-mates
/// commit and the failing write reports its own error. Failures are rare (races), so the common path pays nothing
/// for this.
/// </para>
/// <para>
/// Each writer owns one connection. A store whose provider is synchronous (SQLite) runs its writer on a thread of its
/// own, so blocking I/O never holds a thread-pool thread; an asynchronous provider runs its writers as tasks.
/// </para>
/// </remarks>
internal sealed class GroupCommitWriter : IDisposable
{
    /// <summary>The most writes in one transaction.</summary>
    public const int MaxBatchSize = 256;

    /// <summary>How long a batch keeps taking writes that arrive while it runs.</summary>
    public static readonly TimeSpan MaxBatchDuration = TimeSpan.FromMilliseconds(20);

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions
    {
        SingleReader = false,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    });

    // Wakes a writer thread that found the queue empty; it does not spin (on a busy or single core spinning only
    // takes the processor from the callers that would give it work).
    private readonly ManualResetEventSlim _work = new(initialState: false, spinCount: 1);

    private readonly IWriteTarget _target;
    private readonly Task[] _writers;
    private int _disposed;

    /// <summary>Starts the writers.</summary>
    /// <param name="target">Opens connections, begins and commits transactions.</param>
    /// <param name="writerCount">How many writers (each with a connection) run side by side.</param>
    /// <param name="ownThreads">Whether each writer runs on a thread of its own (for synchronous providers).</param>
    /// <param name="name">Names the writer threads.</param>
    public GroupCommitWriter(IWriteTarget target, int writerCount, bool ownThreads, string name)
    {
        _target = target;
        _writers = new Task[writerCount];
        for (var i = 0; i < writerCount; i++)
        {
            if (ownThreads)
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var thread = new Thread(() =>
                {
                    try
                    {
                        RunAsync(blocking: true).AsTask().GetAwaiter().GetResult();
                        completion.SetResult();
                    }
                    catch (Exception exception)
                    {
                        completion.SetException(exception);
                    }
                })
                {
                    IsBackground = true,
                    Name = name,
                };
                thread.Start();
                _writers[i] = completion.Task;
            }
            else
            {
                _writers[i] = Task.Run(() => RunAsync(blocking: false).AsTask());
            }
        }
    }

    /// <summary>Queues a write; its task completes after the commit that holds it.</summary>
    public void Enqueue(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            write.TryClaim();
            write.Fail(new ObjectDisposedException(nameof(GroupCommitWriter), "The store is disposed."));
            return;
        }

        try
        {
            _work.Set();
        }
        catch (ObjectDisposedException)
        {
            // Queued as the store closed: its writers drained the queue before they stopped.
        }
    }

    /// <summary>Stops taking writes, commits those queued, and closes the writers' connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _work.Set();
        try
        {
            Task.WaitAll(_writers, TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // A writer that failed has failed its writes already.
        }

        _work.Dispose();
    }

    private async ValueTask RunAsync(bool blocking)
    {
        var batch = new List<PendingWrite>(MaxBatchSize);
        StoreConnection? connection = null;
        PendingWrite? carried = null;
        try
        {
            while (true)
            {
                PendingWrite? first = carried;
                carried = null;
                if (first is null)
                {
                    first = blocking ? TakeBlocking() : await TakeAsync().ConfigureAwait(false);
                    if (first is null)
                    {
                        return;
                    }

                    if (!first.TryClaim())
                    {
                        continue;
                    }
                }

                batch.Clear();
                batch.Add(first);
                try
                {
                    connection ??= await _target.OpenWriterAsync().ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    first.Fail(exception);
                    continue;
                }

                (bool committed, carried) = await TryCommitBatchAsync(connection, batch).ConfigureAwait(false);
                if (committed)
                {
                    foreach (PendingWrite write in batch)
                    {
                        write.Complete();
                    }
                }
                else
                {
                    connection = await RunAloneAsync(connection, batch).ConfigureAwait(false);
                }

                if (connection is { IsBroken: true })
                {
                    connection.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// Runs the batch, taking writes that arrive meanwhile, and commits it; false (rolled back) when anything failed.
    /// A write taken that needs more durability than the batch has is handed back, to start the next batch.
    /// </summary>
    private async ValueTask<(bool Committed, PendingWrite? Carried)> TryCommitBatchAsync(StoreConnection connection, List<PendingWrite> batch)
    {
        // What is waiting now joins before the transaction begins, so the batch's durability covers all of it.
        while (batch.Count < MaxBatchSize && TryTakeMore(out PendingWrite? waiting))
        {
            batch.Add(waiting);
        }

        WriteDurability durability = batch.Max(write => write.Durability);
        PendingWrite? carried = null;
        DbTransaction transaction;
        try
        {
            transaction = await _target.BeginAsync(connection, durability).ConfigureAwait(false);
        }
        catch (Exception)
        {
            MarkIfBroken(connection);
            return (false, null);
        }

        try
        {
            long started = Stopwatch.GetTimestamp();
            for (var i = 0; ; i++)
            {
                await batch[i].RunAsync(connection, transaction).ConfigureAwait(false);
                if (batch.Count == i + 1)
                {
                    if (batch.Count >= MaxBatchSize ||
                        Stopwatch.GetElapsedTime(started) >= MaxBatchDuration ||
                        !TryTakeMore(out PendingWrite? next))
                    {
                        break;
                    }

                    if (next.Durability > durability)
                    {
                        carried = next;
                        break;
                    }

                    batch.Add(next);
                }
            }

            await _target.CommitAsync(connection, transaction, durability).ConfigureAwait(false);
            return (true, carried);
        }
        catch (Exception)
        {
            try
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                connection.IsBroken = true;
            }

            MarkIfBroken(connection);
            return (false, carried);
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs each write of a failed batch in a transaction of its own, so a failure is its caller's alone.</summary>
    private async ValueTask<StoreConnection?> RunAloneAsync(StoreConnection? connection, List<PendingWrite> batch)
    {
        foreach (PendingWrite write in batch)
        {
            try
            {
                if (connection is { IsBroken: true })
                {
                    connection.Dispose();
                    connection = null;
                }

                connection ??= await _target.OpenWriterAsync().ConfigureAwait(false);
                DbTransaction transaction = await _target.BeginAsync(connection, write.Durability).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    try
                    {
                        await write.RunAsync(connection, transaction).ConfigureAwait(false);
                        await _target.CommitAsync(connection, transaction, write.Durability).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        try
                        {
                            await transaction.RollbackAsync().ConfigureAwait(false);
                        }
                        catch (Exception)
                        {
                            connection.IsBroken = true;
                        }

                        throw;
                    }
                }

                write.Complete();
            }
            catch (Exception exception)
            {
                if (connection is not null)
                {
                    MarkIfBroken(connection);
                }

                write.Fail(exception);
            }
        }

        return connection;
    }

    private static void MarkIfBroken(StoreConnection connection)
    {
        if (connection.Connection.State != ConnectionState.Open)
        {
            connection.IsBroken = true;
        }
    }

    private bool TryTakeMore([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PendingWrite? write)
    {
        while (_queue.Reader.TryRead(out write))
        {
            if (write.TryClaim())
            {
                return true;
            }
        }

        return false;
    }

    private PendingWrite? TakeBlocking()
    {
        while (true)
        {
            if (_queue.Reader.TryRead(out PendingWrite? write))
            {
                return write;
            }

            if (_queue.Reader.Completion.IsCompleted)
            {
                return null;
            }

            // Reset, then look again: a write queued in between has set the event after the reset, or is found now.
            _work.Reset();
            if (_queue.Reader.TryRead(out write))
            {
                return write;
            }

            if (_queue.Reader.Completion.IsCompleted)
            {
                return null;
            }

            _work.Wait();
        }
    }

    private async ValueTask<PendingWrite?> TakeAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_queue.Reader.TryRead(out PendingWrite? write))
            {
                return write;
            }
        }

        return null;
    }
}
