using System.Collections.Concurrent;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Benchmarks.Common;

/// <summary>
/// A store whose action-callback path runs in memory without allocating: thing and instance lookups are cached
/// (read through from the inner store, dropped when this store writes them), and action records are not kept at all,
/// so every request id counts as new. Everything else goes to the inner store (<see langword="null"/>: not supported).
/// </summary>
/// <remarks>
/// Neither durable nor de-duplicating: for benchmarks only. It takes the database out of the action path, which leaves
/// what the SDK itself (and Kestrel) cost per callback.
/// </remarks>
public sealed class MemoryActionPathStore(IConnectorStore? inner = null) : IConnectorStore, IKeyRingStore
{
    private static readonly Task<ActionRecord?> NewAction = Task.FromResult<ActionRecord?>(null);
    private static readonly Task<bool> Done = Task.FromResult(true);
    private readonly ConcurrentDictionary<string, Task<ThingMapping?>> _things = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<InstanceRecord?>> _instances = new(StringComparer.Ordinal);
    private long _actions;

    public long ActionCount => Interlocked.Read(ref _actions);

    private IConnectorStore Inner => inner ?? throw new NotSupportedException("This in-memory store only serves action callbacks.");

    /// <summary>Puts an instance and one of its things in the cache (for use without an inner store).</summary>
    public void Add(InstanceRecord instance, ThingMapping thing)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(thing);
        _instances[instance.Id] = Task.FromResult<InstanceRecord?>(instance);
        _things[thing.ThingId!] = Task.FromResult<ThingMapping?>(thing);
    }

    public Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken) =>
        _things.TryGetValue(thingId, out Task<ThingMapping?>? cached) ? cached : LoadThingAsync(thingId, cancellationToken);

    public async Task<(ThingMapping Thing, InstanceRecord Instance)?> FindThingWithInstanceAsync(string thingId, CancellationToken cancellationToken)
    {
        ThingMapping? thing = await FindThingAsync(thingId, cancellationToken);
        InstanceRecord? instance = thing is null ? null : await GetInstanceAsync(thing.InstanceId, cancellationToken);
        return thing is null || instance is null ? null : (thing, instance);
    }

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        _instances.TryGetValue(instanceId, out Task<InstanceRecord?>? cached) ? cached : LoadInstanceAsync(instanceId, cancellationToken);

    public Task<ActionRecord?> TryBeginActionAsync(ActionRecord action, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _actions);
        return NewAction;
    }

    public Task<bool> UpdateActionAsync(string actionRequestId, ActionStatus status, string? errorMessage, int responseStatusCode, DateTimeOffset updatedAt, CancellationToken cancellationToken) => Done;

    public Task<bool> TryFinishUnfinishedActionAsync(string actionRequestId, ActionStatus status, string? errorMessage, int responseStatusCode, DateTimeOffset updatedAt, CancellationToken cancellationToken) => Done;

    public Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken) => NewAction;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner?.InitializeAsync(cancellationToken) ?? Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => inner?.PingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task<IReadOnlyList<AcceptedCallback>> ListAcceptedCallbacksAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        Inner.ListAcceptedCallbacksAsync(subject, now, cancellationToken);

    public Task RecordAcceptedCallbacksAsync(IReadOnlyList<AcceptedCallback> callbacks, CancellationToken cancellationToken) =>
        Inner.RecordAcceptedCallbacksAsync(callbacks, cancellationToken);

    public Task RecordPropertyValueAsync(ReportedPropertyValue value, CancellationToken cancellationToken) =>
        Inner.RecordPropertyValueAsync(value, cancellationToken);

    public Task<IReadOnlyList<ReportedPropertyValue>> ListPropertyValuesAsync(string instanceId, string externalId, CancellationToken cancellationToken) =>
        Inner.ListPropertyValuesAsync(instanceId, externalId, cancellationToken);

    public Task<bool> RecordUpgradeBaselineAsync(string subject, int version, DateTimeOffset recordedAt, CancellationToken cancellationToken) =>
        Inner.RecordUpgradeBaselineAsync(subject, version, recordedAt, cancellationToken);

    public Task<UpgradeRecord?> GetUpgradeAsync(string subject, CancellationToken cancellationToken) =>
        Inner.GetUpgradeAsync(subject, cancellationToken);

    public Task<IReadOnlyList<UpgradeRecord>> ListUpgradesAsync(CancellationToken cancellationToken) =>
        Inner.ListUpgradesAsync(cancellationToken);

    public Task<UpgradeRecord?> TryClaimUpgradeAsync(string subject, int targetVersion, string owner, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        Inner.TryClaimUpgradeAsync(subject, targetVersion, owner, now, leaseDuration, cancellationToken);

    public Task<bool> RenewUpgradeLeaseAsync(string subject, string owner, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        Inner.RenewUpgradeLeaseAsync(subject, owner, leaseExpiresAt, cancellationToken);

    public Task<bool> CompleteUpgradeAsync(string subject, string owner, DateTimeOffset completedAt, CancellationToken cancellationToken) =>
        Inner.CompleteUpgradeAsync(subject, owner, completedAt, cancellationToken);

    public Task<bool> FailUpgradeAsync(string subject, string owner, string failure, DateTimeOffset failedAt, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        Inner.FailUpgradeAsync(subject, owner, failure, failedAt, nextAttemptAt, cancellationToken);

    public Task<bool> DeleteUpgradeAsync(string subject, CancellationToken cancellationToken) =>
        Inner.DeleteUpgradeAsync(subject, cancellationToken);

    public Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken) => Inner.GetInstallationAsync(installationId, cancellationToken);

    public Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken) => Inner.ListInstallationsAsync(cancellationToken);

    public Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken) => Inner.SaveInstallationAsync(installation, cancellationToken);

    public Task<bool> UpdateInstallationStateAsync(string installationId, LifecycleState state, DateTimeOffset updatedAt, CancellationToken cancellationToken) =>
        Inner.UpdateInstallationStateAsync(installationId, state, updatedAt, cancellationToken);

    public Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        _instances.Clear();
        _things.Clear();
        return Inner.DeleteInstallationAsync(installationId, cancellationToken);
    }

    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken) => Inner.ListInstancesAsync(installationId, cancellationToken);

    public Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(ThingCreationStatus status, CancellationToken cancellationToken) =>
        inner?.ListInstancesByThingCreationAsync(status, cancellationToken) ?? Task.FromResult<IReadOnlyList<InstanceRecord>>([]);

    public Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instances.TryRemove(instance.Id, out _);
        return Inner.SaveInstanceAsync(instance, cancellationToken);
    }

    public Task<bool> UpdateInstanceStateAsync(string instanceId, LifecycleState state, ThingCreationStatus thingCreation, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        _instances.TryRemove(instanceId, out _);
        return Inner.UpdateInstanceStateAsync(instanceId, state, thingCreation, updatedAt, cancellationToken);
    }

    public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        _instances.TryRemove(instanceId, out _);
        _things.Clear();
        return Inner.DeleteInstanceAsync(instanceId, cancellationToken);
    }

    public Task<ThingMapping?> FindThingByExternalIdAsync(string instanceId, string externalId, CancellationToken cancellationToken) =>
        Inner.FindThingByExternalIdAsync(instanceId, externalId, cancellationToken);

    public Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken) => Inner.ListThingsAsync(instanceId, cancellationToken);

    public Task<(ThingMapping Mapping, bool Claimed)> ClaimThingCreationAsync(string instanceId, string externalId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        _things.Clear();
        return Inner.ClaimThingCreationAsync(instanceId, externalId, claimedAt, cancellationToken);
    }

    public Task CompleteThingCreationAsync(string instanceId, string externalId, string thingId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        _things.Clear();
        return Inner.CompleteThingCreationAsync(instanceId, externalId, thingId, createdAt, cancellationToken);
    }

    public Task<bool> UpdateThingTemplateHashAsync(string instanceId, string externalId, string templateHash, CancellationToken cancellationToken)
    {
        _things.Clear();
        return Inner.UpdateThingTemplateHashAsync(instanceId, externalId, templateHash, cancellationToken);
    }

    public Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        _things.Clear();
        return Inner.DeleteThingAsync(instanceId, externalId, cancellationToken);
    }

    public Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        inner?.DeleteActionsOlderThanAsync(olderThan, cancellationToken) ?? Task.FromResult(0);

    public Task<OutboxEnqueueResult> EnqueueAsync(OutboxMessage message, long capacity, CancellationToken cancellationToken) => Inner.EnqueueAsync(message, capacity, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner?.LeaseAsync(owner, maxCount, now, leaseDuration, cancellationToken) ?? Task.FromResult<IReadOnlyList<OutboxMessage>>([]);

    public Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken) => Inner.CompleteAsync(id, owner, cancellationToken);

    public Task<bool> RetryLaterAsync(long id, string owner, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken) =>
        Inner.RetryLaterAsync(id, owner, attempts, nextAttemptAt, lastError, cancellationToken);

    public Task<bool> DeadLetterAsync(long id, string owner, string errorMessage, int statusCode, DateTimeOffset failedAt, CancellationToken cancellationToken) =>
        Inner.DeadLetterAsync(id, owner, errorMessage, statusCode, failedAt, cancellationToken);

    public Task<IReadOnlyList<string>> ListLeaseOwnersAsync(CancellationToken cancellationToken) =>
        inner?.ListLeaseOwnersAsync(cancellationToken) ?? Task.FromResult<IReadOnlyList<string>>([]);

    public Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken) =>
        inner?.ReleaseLeasesAsync(owner, cancellationToken) ?? Task.FromResult(0);

    public Task<OutboxStatistics> GetOutboxStatisticsAsync(CancellationToken cancellationToken) =>
        inner?.GetOutboxStatisticsAsync(cancellationToken) ?? Task.FromResult(new OutboxStatistics(0, null, 0));

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken) => Inner.ListDeadLettersAsync(maxCount, cancellationToken);

    public Task<bool> RequeueDeadLetterAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) => Inner.RequeueDeadLetterAsync(id, now, cancellationToken);

    public Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken) => Inner.DeleteDeadLetterAsync(id, cancellationToken);

    public IReadOnlyList<string> GetKeyElements() => inner is IKeyRingStore keyRing ? keyRing.GetKeyElements() : [];

    public void StoreKeyElement(string friendlyName, string xml)
    {
        if (inner is IKeyRingStore keyRing)
        {
            keyRing.StoreKeyElement(friendlyName, xml);
        }
    }

    private async Task<ThingMapping?> LoadThingAsync(string thingId, CancellationToken cancellationToken)
    {
        ThingMapping? mapping = inner is null ? null : await inner.FindThingAsync(thingId, cancellationToken);
        if (mapping is { State: ThingMappingState.Created })
        {
            _things[thingId] = Task.FromResult<ThingMapping?>(mapping);
        }

        return mapping;
    }

    private async Task<InstanceRecord?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceRecord? instance = inner is null ? null : await inner.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is not null)
        {
            _instances[instanceId] = Task.FromResult<InstanceRecord?>(instance);
        }

        return instance;
    }
}
