using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>The replay cache of accepted lifecycle callbacks (<see cref="IReplayCacheStore"/>).</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AcceptedCallback>> ListAcceptedCallbacksAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return ReadManyAsync(Statements.ListAcceptedCallbacks, ReadAcceptedCallback, cancellationToken, ("subject", subject), ("now", now));
    }

    /// <inheritdoc />
    public Task RecordAcceptedCallbacksAsync(IReadOnlyList<AcceptedCallback> callbacks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        if (callbacks.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (AcceptedCallback callback in callbacks)
        {
            ArgumentNullException.ThrowIfNull(callback, nameof(callbacks));
            ArgumentException.ThrowIfNullOrEmpty(callback.Subject, nameof(callbacks));
            ArgumentException.ThrowIfNullOrEmpty(callback.SignatureHash, nameof(callbacks));
        }

        return WriteAsync(
            async (connection, transaction) =>
            {
                await Command(connection, transaction, Statements.PurgeAcceptedCallbacks, ("now", callbacks[0].AcceptedAt))
                    .ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                foreach (AcceptedCallback callback in callbacks)
                {
                    await Command(
                        connection,
                        transaction,
                        Statements.InsertAcceptedCallback,
                        ("subject", callback.Subject),
                        ("signatureHash", callback.SignatureHash),
                        ("signedAt", callback.SignedAt),
                        ("isRemoval", callback.IsRemoval ? 1 : 0),
                        ("acceptedAt", callback.AcceptedAt),
                        ("expiresAt", callback.ExpiresAt)).ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken);
    }

    private AcceptedCallback ReadAcceptedCallback(DbDataReader reader) => new(
        Subject: reader.GetString(0),
        SignatureHash: reader.GetString(1),
        SignedAt: ReadTime(reader, 2),
        IsRemoval: reader.GetInt32(3) != 0,
        AcceptedAt: ReadTime(reader, 4),
        ExpiresAt: ReadTime(reader, 5));
}
