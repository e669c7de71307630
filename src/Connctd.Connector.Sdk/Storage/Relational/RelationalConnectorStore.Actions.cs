using System.Data.Common;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage.Relational.Internal;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>Action records.</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Completes once the record is committed so that it survives the end of the process, before its commit is
    /// flushed to disk; the outcome (<see cref="UpdateActionAsync"/>) flushes it. See the class remarks.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The action's instance is not known.</exception>
    public async Task<ActionRecord?> TryBeginActionAsync(ActionRecord action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrEmpty(action.Id, nameof(action));
        try
        {
            (ActionRecord? stored, bool inserted) = await InsertOrReadBackAsync(
                Statements.InsertActionIfNew,
                [
                    ("id", action.Id),
                    ("instanceId", action.InstanceId),
                    ("thingId", action.ThingId),
                    ("componentId", action.ComponentId),
                    ("actionId", action.ActionId),
                    ("status", (int)action.Status),
                    ("error", action.Error),
                    ("responseStatusCode", action.ResponseStatusCode),
                    ("createdAt", action.CreatedAt),
                    ("updatedAt", action.UpdatedAt),
                ],
                Statements.SelectAction,
                [("id", action.Id)],
                ReadAction,
                $"Action request '{action.Id}' could not be recorded: its record was deleted each time it was read back.",
                readInserted: false,
                WriteDurability.ProcessCrash,
                cancellationToken).ConfigureAwait(false);
            return inserted ? null : stored;
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            Log.ActionInstanceMissing(Logger, action.Id, action.InstanceId);
            throw new InvalidOperationException(
                $"Action request '{action.Id}' cannot be stored: instance '{action.InstanceId}' is not known.",
                exception);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateActionAsync(
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken) =>
        SetActionOutcomeAsync(Statements.UpdateAction, actionRequestId, status, errorMessage, responseStatusCode, updatedAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryFinishUnfinishedActionAsync(
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responseStatusCode);
        return SetActionOutcomeAsync(Statements.FinishUnfinishedAction, actionRequestId, status, errorMessage, responseStatusCode, updatedAt, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        return ReadOneAsync(Statements.SelectAction, ReadAction, cancellationToken, ("id", actionRequestId));
    }

    /// <inheritdoc />
    public Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        ExecuteAsync(Statements.DeleteActionsOlderThan, cancellationToken, ("olderThan", olderThan));

    private async Task<bool> SetActionOutcomeAsync(
        string sql,
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        return await ExecuteAsync(
            sql,
            cancellationToken,
            ("id", actionRequestId),
            ("status", (int)status),
            ("error", errorMessage),
            ("responseStatusCode", responseStatusCode),
            ("updatedAt", updatedAt)).ConfigureAwait(false) > 0;
    }
}
