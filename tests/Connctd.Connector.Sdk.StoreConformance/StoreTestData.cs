using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// Records, times and helpers every store test uses, the conformance suite and the store-specific tests alike
/// (imported with <c>using static</c>).
/// </summary>
public static class StoreTestData
{
    /// <summary>The start time of every test's clock; whole microseconds, so it round-trips through every store exactly.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>The lease the outbox tests take messages for.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>No cancellation.</summary>
    public static CancellationToken Ct => CancellationToken.None;

    /// <summary>An installation with a token and configuration derived from its id.</summary>
    public static InstallationRecord Installation(string id, DateTimeOffset? at = null, LifecycleState state = LifecycleState.Complete) =>
        new(id, "protected-" + id, [new ConfigurationValue("region", "eu"), new ConfigurationValue("key", "k-" + id)], state, at ?? T0, at ?? T0);

    /// <summary>An instance of an installation with a token derived from its id.</summary>
    public static InstanceRecord Instance(
        string id,
        string installationId,
        DateTimeOffset? at = null,
        ThingCreationStatus thingCreation = ThingCreationStatus.InProgress) =>
        new(id, installationId, "protected-" + id, [new ConfigurationValue("room", "kitchen")], LifecycleState.Complete, thingCreation, at ?? T0, at ?? T0);

    /// <summary>A pending action request on "thing-1".</summary>
    public static ActionRecord Action(string id, string instanceId, DateTimeOffset? at = null) =>
        new(id, instanceId, "thing-1", "lamp", "switch", ActionStatus.Pending, null, 0, at ?? T0, at ?? T0);

    /// <summary>A property update for instance "i1"; the coalescing key is the ordering key unless given (null: never coalesced).</summary>
    public static OutboxMessage Message(string orderingKey, string payload, string? coalescingKey = "same-as-ordering", DateTimeOffset? at = null) =>
        new(0, OutboxOperation.UpdatePropertyValue, "i1", orderingKey, coalescingKey == "same-as-ordering" ? orderingKey : coalescingKey, payload, at ?? T0, 0, at ?? T0, null);

    /// <summary>Stores installation "inst" with instance "i1" (or the instances named).</summary>
    public static async Task SeedAsync(IConnectorStore store, params string[] instanceIds)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(instanceIds);
        await store.SaveInstallationAsync(Installation("inst"), Ct);
        foreach (var instanceId in instanceIds.Length == 0 ? ["i1"] : instanceIds)
        {
            await store.SaveInstanceAsync(Instance(instanceId, "inst"), Ct);
        }
    }

    /// <summary>Starts <paramref name="count"/> calls at once (released together by a gate) and waits for all of them.</summary>
    public static async Task<T[]> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await gate.Task;
                return await call(i);
            }))
            .ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(5));
    }
}
