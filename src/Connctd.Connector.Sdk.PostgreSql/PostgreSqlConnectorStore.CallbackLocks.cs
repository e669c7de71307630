using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql;

public sealed partial class PostgreSqlConnectorStore : ICallbackLockStore
{
    /// <inheritdoc />
    /// <remarks>
    /// A transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) in a transaction of its own, open while the lock
    /// is held and rolled back to release it: a replica that dies ends its session and so releases the lock, and a
    /// pooler in transaction mode keeps the session for as long as the transaction is open. Waiting is not bounded by
    /// the command timeout, only by <paramref name="cancellationToken"/>. A server setting
    /// <c>idle_in_transaction_session_timeout</c> shorter than the author's hooks would end the session, and so the
    /// lock, early.
    /// </remarks>
    public async Task<IAsyncDisposable> AcquireCallbackLockAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        string lockKey = LockKeyPrefix + "callback/" + Schema + "/" + key;
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using var command = new NpgsqlCommand(PostgreSqlStatements.AdvisoryTransactionLock, connection, transaction) { CommandTimeout = 0 }.With("key", lockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new CallbackLock(connection, transaction, Logger);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A held advisory lock: disposing it ends its transaction, which unlocks, and returns the connection to the pool.</summary>
    private sealed class CallbackLock(NpgsqlConnection connection, NpgsqlTransaction transaction, ILogger logger) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // The connection broke: the server released the lock with the session. Npgsql discards a broken
                // connection instead of pooling it, so the lock cannot outlive this object.
                Log.CallbackUnlockFailed(logger, exception);
            }
            finally
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
