using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Connctd.Connector.Sdk.Storage.Relational.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>
/// A connector store on a relational database, written once for every database: the operations of
/// <see cref="IConnectorStore"/> and <see cref="IKeyRingStore"/>, a group-commit write path, and reusable
/// connections. A store for a database is a dialect: its SQL (<see cref="Statements"/>), how it binds parameters
/// and reads times, how it classifies errors, how it opens connections and commits, and its schema migration.
/// </summary>
/// <remarks>
/// <para>
/// <b>Writes are group-committed.</b> Every write (installations, instances, thing mappings, action records, the
/// outbox, the key ring) is queued for the store's writer, which runs whatever is waiting in one transaction and
/// commits once for all of it. A write completes only after the commit that holds it; a lone write commits at once.
/// A write that fails (a unique or foreign key violation) fails only its own caller: the batch is rolled back and its
/// writes run again one by one. Writes therefore run with <see cref="CancellationToken.None"/> once taken: a caller
/// may cancel a write only while it waits in the queue.
/// </para>
/// <para>
/// <b>Durability.</b> A write completes after its commit is flushed to stable storage, except writes that need only
/// survive the end of the process, which a dialect may commit without a flush (<see cref="CommitsWithoutFlush"/>):
/// the record <see cref="TryBeginActionAsync"/> writes before the hook, an outbox lease, a property's last value, an
/// upgrade's claim. Such a write completes once committed so that it would survive the end of the process; the next
/// flushed commit flushes it too (an action's outcome, <see cref="UpdateActionAsync"/>, is written before the callback
/// is answered). So an action id is never run twice after a crash of the connector's process; after a power loss of
/// the machine, an action whose hook ran but whose callback was not answered may run again when the platform repeats it.
/// </para>
/// <para>
/// <b>Reads</b> run on connections the store keeps open (up to <see cref="MaxIdleConnections"/>), so a read does not
/// open a connection or re-run its settings, and each connection prepares a statement once.
/// </para>
/// </remarks>
public abstract partial class RelationalConnectorStore : IConnectorStore, IKeyRingStore, IDisposable, IAsyncDisposable
{
    /// <summary>How often a claim is tried when the row it conflicted with was deleted before it could be read back.</summary>
    private const int MaxClaimAttempts = 10;

    private readonly ConcurrentBag<StoreConnection> _idle = [];
    private readonly StoreInitialization _initialization;
    private readonly Lazy<GroupCommitWriter> _writer;
    private int _idleCount;
    private int _disposed;

    /// <summary>Creates the store; nothing is opened until the first operation or <see cref="InitializeAsync"/>.</summary>
    /// <param name="logger">Receives refused writes and the dialect's schema events; none when null.</param>
    /// <param name="timeProvider">The clock for the times the store records itself; the system clock when null.</param>
    protected RelationalConnectorStore(ILogger? logger, TimeProvider? timeProvider)
    {
        Logger = logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _initialization = new StoreInitialization(MigrateAsync);
        _writer = new Lazy<GroupCommitWriter>(
            () => new GroupCommitWriter(new WriteTarget(this), WriterCount, WriterNeedsOwnThread, GetType().Name + " writer"),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Receives the store's log events.</summary>
    protected ILogger Logger { get; }

    /// <summary>The clock for the times the store records itself (applied schema versions, key ring elements).</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>The dialect's SQL.</summary>
    protected abstract RelationalStatements Statements { get; }

    /// <summary>How many writers (each with a connection and its own group commit) run side by side; 1 by default, as a database with one writer at a time (SQLite) needs.</summary>
    protected virtual int WriterCount => 1;

    /// <summary>Whether each writer runs on a thread of its own instead of the thread pool: true for providers whose I/O is synchronous.</summary>
    protected virtual bool WriterNeedsOwnThread => false;

    /// <summary>
    /// Whether a write that need only survive the end of the process (see the class remarks: an action's record before
    /// its hook, an outbox lease, a property's last value, an upgrade's claim) is committed without a flush. True unless a dialect overrides it: SQLite commits
    /// such a batch with <c>synchronous = NORMAL</c> and saves its <c>fsync</c>. A dialect for which an unflushed commit
    /// costs more than it saves returns false, and every commit is flushed (PostgreSQL: switching a transaction to
    /// <c>synchronous_commit = off</c> is a round trip of its own, and batches of writes of both kinds would be split).
    /// </summary>
    protected virtual bool CommitsWithoutFlush => true;

    /// <summary>The most idle read connections the store keeps open.</summary>
    protected virtual int MaxIdleConnections => 8;

    /// <summary>Opens a connection ready for use (settings applied), for reads and for the writer.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The open connection.</returns>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>The synchronous counterpart of <see cref="OpenConnectionAsync"/>, for the key ring (Data Protection reads it synchronously).</summary>
    /// <returns>The open connection.</returns>
    protected abstract DbConnection OpenConnection();

    /// <summary>Sets what every command of the store needs (such as its timeout), once per command.</summary>
    /// <param name="command">A new command.</param>
    protected virtual void ConfigureCommand(DbCommand command)
    {
    }

    /// <summary>
    /// Adds a parameter to a command. <paramref name="name"/> comes without the dialect's prefix; <paramref name="value"/>
    /// is a <see cref="string"/>, an <see cref="int"/>, a <see cref="long"/>, a <see cref="DateTimeOffset"/> or null
    /// (a null stands for a text column).
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter's name, as the summaries of <see cref="RelationalStatements"/> give it.</param>
    /// <param name="value">The value.</param>
    protected abstract void AddParameter(DbCommand command, string name, object? value);

    /// <summary>
    /// Gives a parameter that <see cref="AddParameter"/> created for an earlier call of the same statement on the same
    /// connection a new value, so a statement run again does not create its parameters again. Returns false when the
    /// parameter cannot take it (another name, or a value of another kind): the store then runs the statement on a new command
    /// whose parameters <see cref="AddParameter"/> creates (never clearing those of a command that may be prepared).
    /// Returns false unless a dialect overrides it.
    /// </summary>
    /// <param name="parameter">A parameter <see cref="AddParameter"/> created.</param>
    /// <param name="name">The parameter's name, without the dialect's prefix.</param>
    /// <param name="value">The new value, of the kinds <see cref="AddParameter"/> takes.</param>
    /// <returns>True when the parameter has the name and took the value.</returns>
    protected virtual bool TrySetParameterValue(DbParameter parameter, string name, object? value) => false;

    /// <summary>Reads a time column as the dialect writes it.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column.</param>
    /// <returns>The time.</returns>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Whether an exception reports a foreign key violation (a write whose parent row does not exist).</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a foreign key violation.</returns>
    protected abstract bool IsForeignKeyViolation(DbException exception);

    /// <summary>Whether an exception reports a unique or primary key violation.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a unique violation.</returns>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Begins a write transaction (taking the database's write lock first where it has one, as SQLite's <c>BEGIN IMMEDIATE</c>).</summary>
    /// <param name="connection">The writer's connection.</param>
    /// <param name="flush">Whether its commit will be flushed (see <see cref="CommitWriteTransactionAsync"/>); the same value is passed to the commit.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction.</returns>
    protected virtual async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, bool flush, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Commits a write transaction. With <paramref name="flush"/> the commit must reach stable storage before this
    /// completes; without it, it must survive the end of the connector's process (the database, or the operating
    /// system, holds it) and is flushed by a later flushed commit.
    /// </summary>
    /// <param name="connection">The writer's connection.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="flush">Whether the commit must be flushed before this completes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the transaction is committed.</returns>
    protected virtual async ValueTask CommitWriteTransactionAsync(DbConnection connection, DbTransaction transaction, bool flush, CancellationToken cancellationToken) =>
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Serialises, across processes, the transactions that decide whether a message with this coalescing key is queued
    /// (PostgreSQL: a transaction-scoped advisory lock). A database with one writer at a time needs nothing.
    /// </summary>
    /// <param name="connection">The writer's connection.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="coalescingKey">The key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the lock is held.</returns>
    protected virtual ValueTask LockCoalescingKeyAsync(DbConnection connection, DbTransaction transaction, string coalescingKey, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <summary>Creates or upgrades the schema; idempotent, and safe when several store objects or processes run it at once.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    protected abstract Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the schema. Idempotent; operations run it themselves before the first one if it was not called.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _initialization.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Opens a connection of its own rather than one the store keeps, so it finds out whether the database can be reached now.</remarks>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        DbConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = Statements.SelectSchemaVersion;
            ConfigureCommand(command);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the store's connections after committing the writes it has queued. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        CloseConnections();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store's connections after committing the writes it has queued. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.Run(CloseConnections).ConfigureAwait(false);
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the dialect holds (after the store's own connections are closed).</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>; false after <see cref="DisposeAsyncCore"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// Releases what the dialect holds asynchronously (after the store's own connections are closed); <see cref="DisposeAsync"/>
    /// then calls <see cref="Dispose(bool)"/> with false.
    /// </summary>
    /// <returns>A task that completes when it is released.</returns>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    /// <summary>Throws <see cref="ObjectDisposedException"/> after the store was disposed.</summary>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void CloseConnections()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }

        while (_idle.TryTake(out StoreConnection? connection))
        {
            connection.Dispose();
        }

        _initialization.Dispose();
    }

    /// <summary>Prepares the schema before the first operation, unless it is prepared.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    protected ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _initialization.IsInitialized ? ValueTask.CompletedTask : new ValueTask(_initialization.EnsureInitializedAsync(cancellationToken));
    }

    /// <summary>Runs a read on a kept connection.</summary>
    private async Task<T> ReadAsync<T>(Func<StoreConnection, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        StoreConnection connection = _idle.TryTake(out StoreConnection? idle)
            ? Taken(idle)
            : new StoreConnection(await OpenConnectionAsync(cancellationToken).ConfigureAwait(false), ConfigureCommand);
        try
        {
            T result = await read(connection, cancellationToken).ConfigureAwait(false);
            Return(connection);
            return result;
        }
        catch
        {
            if (connection.Connection.State == ConnectionState.Open)
            {
                Return(connection);
            }
            else
            {
                connection.Dispose();
            }

            throw;
        }
    }

    private StoreConnection Taken(StoreConnection connection)
    {
        Interlocked.Decrement(ref _idleCount);
        return connection;
    }

    private void Return(StoreConnection connection)
    {
        if (Volatile.Read(ref _disposed) == 0 && Interlocked.Increment(ref _idleCount) <= MaxIdleConnections)
        {
            _idle.Add(connection);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        connection.Dispose();
    }

    /// <summary>Queues a write for the writer; completes after the commit that holds it.</summary>
    private async Task<T> WriteAsync<T>(
        Func<StoreConnection, DbTransaction, ValueTask<T>> work,
        CancellationToken cancellationToken,
        WriteDurability durability = WriteDurability.PowerLoss)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (!CommitsWithoutFlush)
        {
            durability = WriteDurability.PowerLoss;
        }

        var write = new PendingWrite<T>(work, durability, cancellationToken);
        _writer.Value.Enqueue(write);
        return await write.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// The command for a statement on a connection, with its parameters bound: the parameters of the command's last
    /// call take the new values when the dialect can reuse them; otherwise a new command gets new parameters.
    /// </summary>
    private DbCommand Command(StoreConnection connection, DbTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        DbCommand command = connection.Command(sql, transaction);
        DbParameterCollection bound = command.Parameters;
        if (bound.Count == parameters.Length && TrySetParameterValues(bound, parameters))
        {
            return command;
        }

        if (bound.Count > 0)
        {
            command = connection.Renew(sql, transaction);
        }

        foreach ((string name, object? value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    private bool TrySetParameterValues(DbParameterCollection bound, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!TrySetParameterValue(bound[i], parameters[i].Name, parameters[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The writer's view of this store.</summary>
    private sealed class WriteTarget(RelationalConnectorStore store) : IWriteTarget
    {
        public async ValueTask<StoreConnection> OpenWriterAsync() =>
            new(await store.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false), store.ConfigureCommand);

        public ValueTask<DbTransaction> BeginAsync(StoreConnection connection, WriteDurability durability) =>
            store.BeginWriteTransactionAsync(connection.Connection, durability == WriteDurability.PowerLoss, CancellationToken.None);

        public ValueTask CommitAsync(StoreConnection connection, DbTransaction transaction, WriteDurability durability) =>
            store.CommitWriteTransactionAsync(connection.Connection, transaction, durability == WriteDurability.PowerLoss, CancellationToken.None);
    }
}
