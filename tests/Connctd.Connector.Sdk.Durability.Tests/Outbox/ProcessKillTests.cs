using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>
/// The connector runs as a child process and is killed hard (<c>Process.Kill</c>: SIGKILL on Linux, no shutdown code
/// runs), then started again: on the same SQLite file in the same working directory, or — PostgreSQL — as another
/// process in another directory on the same schema.
/// </summary>
public abstract class ProcessKillTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task Kill_WhileUpdatesAreQueued_RestartDeliversEverythingOnceAndCreatesNoThingTwice()
    {
        string directory = Store.NewDirectory();
        ChildConnector child = await StartChildAsync(directory);
        string instanceId = await InstantiateAsync(child.BaseAddress, devices: 3, properties: 2);
        var produced = new ProducedUpdates();

        Platform.Faults.FailFor(TimeSpan.FromMinutes(10));
        await child.QueueAsync(instanceId, produced.NextRounds(ProducedUpdates.Properties(devices: 3, properties: 2), rounds: 10));
        await Platform.WaitUntilAsync(
            platform => platform.Requests.Any(request => request.Operation == PlatformOperation.UpdateProperty && request.StatusCode == 503),
            "a property update answered 503");
        child.Kill();
        Platform.Faults.Clear();

        ChildConnector restarted = await StartChildAsync(RestartDirectory(directory));
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        AssertDeliveredInOrder(instanceId, produced);
        Assert.False(restarted.HasExited);
        Assert.Equal(3, Platform.Things.Count);
        Assert.Equal(3, Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing));
    }

    [Fact]
    public Task Kill_WhileDeliveryIsInFlight_RestartDeliversItOnceAfterTheLeaseExpires() =>
        KillWhileDeliveryIsInFlightThenRestartAsync(leaseDuration: "00:00:04");

    [Fact]
    public async Task Kill_DuringAFloodOfActions_NoActionRunsTwiceAndEveryAnsweredOneKeepsItsAnswer()
    {
        string actionLog = Path.Combine(Path.GetTempPath(), "connctd-actions-" + Guid.NewGuid().ToString("N") + ".log");
        Action<Dictionary<string, string?>> settings = values =>
        {
            values[DeviceConnector.ActionLogKey] = actionLog;
            values["Connctd:AbandonedActionTimeout"] = "00:00:02";
        };
        string directory = Store.NewDirectory();
        ChildConnector child = await StartChildAsync(directory, settings);
        string instanceId = await InstantiateAsync(child.BaseAddress, devices: 1, properties: 1);
        string thingId = ThingIds(Platform, instanceId)[DeviceConnector.ExternalId(1)];
        var parameters = new Dictionary<string, string> { ["amount"] = "1" };
        string[] ids = [.. Enumerable.Range(0, 300).Select(i => "flood-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        // Eight senders at once; the process is killed while they are still sending.
        ConnectorUnderTest sender = Platform.ConnectTo(child.BaseAddress, DurabilityApp.CallbackPath);
        Task flood = Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            try
            {
                ActionCallbackResponse response = await sender.SendActionAsync(thingId, DeviceConnector.Component, DeviceConnector.WorkAction, parameters, actionRequestId: id, cancellationToken: ct);
                if (response.StatusCode is >= 200 and < 300)
                {
                    answered[id] = response.StatusCode;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
            {
                // Sent into the kill: no answer.
            }
        });
        await EventuallyAsync(() => Task.FromResult(answered.Count >= 30), () => "30 answered actions");
        child.Kill();
        await flood;
        Assert.True(answered.Count < ids.Length, "the process was killed after the flood had ended");

        // The platform repeats every request: each is answered 2xx, an answered one as it was answered before.
        ChildConnector restarted = await StartChildAsync(RestartDirectory(directory), settings);
        ConnectorUnderTest repeater = Platform.ConnectTo(restarted.BaseAddress, DurabilityApp.CallbackPath);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            ActionCallbackResponse repeat = await repeater.SendActionAsync(thingId, DeviceConnector.Component, DeviceConnector.WorkAction, parameters, actionRequestId: id, cancellationToken: ct);
            Assert.True(repeat.StatusCode is >= 200 and < 300, $"{id}: repeat answered {repeat.StatusCode} {repeat.Body}");
            if (answered.TryGetValue(id, out int first))
            {
                Assert.Equal(first, repeat.StatusCode);
                Assert.Equal(ActionStatus.Pending, repeat.Status);
            }
        });

        Dictionary<string, int> runs = File.ReadAllLines(actionLog).GroupBy(id => id, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        File.Delete(actionLog);
        Assert.All(runs, run => Assert.True(run.Value == 1, $"{run.Key} ran {run.Value} times"));
        Assert.All(answered.Keys, id => Assert.True(runs.ContainsKey(id), $"{id} was answered but its hook never ran"));
        Assert.False(restarted.HasExited);
    }

    /// <summary>A lease far longer than the test may wait: the message can only arrive if the restart takes the lease back.</summary>
    [Fact]
    public Task Kill_WhileDeliveryIsInFlight_RestartTakesBackItsLeaseWithoutWaitingForIt() =>
        KillWhileDeliveryIsInFlightThenRestartAsync(leaseDuration: "01:00:00");

    [Fact]
    public async Task Kill_DuringBackgroundThingCreation_RestartCreatesNoThingTwice()
    {
        const int Devices = 6;
        Action<Dictionary<string, string?>> settings = values => values["Connctd:ThingCreation"] = "Background";
        string directory = Store.NewDirectory();
        ChildConnector child = await StartChildAsync(directory, settings);
        ConnectorUnderTest sender = Platform.ConnectTo(child.BaseAddress, DurabilityApp.CallbackPath);
        SetupCallbackResponse installation = await sender.InstallAsync();
        Platform.Faults.AddLatency(TimeSpan.FromMilliseconds(400), operation: PlatformOperation.CreateThing);
        SetupCallbackResponse instance = await sender.InstantiateAsync(
            installation.Id,
            new Dictionary<string, string> { [DeviceConnector.DevicesParameter] = Devices.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(202, instance.StatusCode);
        await Platform.WaitForThingsAsync(instance.Id, 2);
        child.Kill();
        Platform.Faults.Clear();

        await StartChildAsync(RestartDirectory(directory), settings);
        await Platform.WaitUntilAsync(
            platform => platform.GetInstance(instance.Id)?.State is LifecycleState.Complete or LifecycleState.Failed,
            "the instance reported COMPLETE or FAILED");

        // A create call cut off by the kill is never repeated (its outcome is unknown): COMPLETE with every thing, or
        // FAILED; either way no thing exists twice.
        IReadOnlyList<RecordedThing> things = Platform.GetThings(instance.Id);
        Assert.Equal(things.Count, things.Select(thing => thing.AsCreated.Name).Distinct().Count());
        Assert.Equal(things.Count, Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing && request.Accepted));
        if (Platform.GetInstance(instance.Id)!.State == LifecycleState.Complete)
        {
            Assert.Equal(Devices, things.Count);
        }
    }

    /// <summary>SQLite: the same working directory (and file). PostgreSQL: another directory, as another machine would be.</summary>
    private string RestartDirectory(string directory) => Kind == StoreKind.Sqlite ? directory : Store.NewDirectory();

    /// <summary>Kills the connector while a property update is being delivered, restarts it, and checks the update arrives once.</summary>
    private async Task KillWhileDeliveryIsInFlightThenRestartAsync(string leaseDuration)
    {
        Action<Dictionary<string, string?>> settings = values =>
        {
            values["Connctd:Outbox:LeaseDuration"] = leaseDuration;
            values["Connctd:Resilience:AttemptTimeout"] = "00:00:03";
            values["Connctd:Resilience:TotalTimeout"] = "00:00:03";
        };
        string directory = Store.NewDirectory();
        ChildConnector child = await StartChildAsync(directory, settings);
        string instanceId = await InstantiateAsync(child.BaseAddress, devices: 1, properties: 1);
        var produced = new ProducedUpdates();

        // The platform holds every property update far longer than the connector waits: a delivery is in flight.
        Platform.Faults.AddLatency(TimeSpan.FromMinutes(5), operation: PlatformOperation.UpdateProperty);
        await child.QueueAsync(instanceId, [produced.Next(new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0)))]);
        await EventuallyAsync(async () => await Store.LeasedCountAsync() > 0, () => "a leased outbox message");
        child.Kill();
        Platform.Faults.Clear();

        await StartChildAsync(RestartDirectory(directory), settings);
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        Assert.Equal(1, AssertDeliveredInOrder(instanceId, produced));
    }
}

public sealed class SqliteProcessKillTests() : ProcessKillTests(StoreKind.Sqlite);

public sealed class PostgreSqlProcessKillTests() : ProcessKillTests(StoreKind.PostgreSql);
