using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Durability.Tests.Upgrade;

/// <summary>
/// The thing re-sync at start-up (<c>Connctd:ThingSync</c>) after version 2 of the test connector adds a thing to every
/// instance: Report, Apply and Off, on many instances, with the platform refusing one thing, and on two replicas at once.
/// </summary>
public abstract class ThingResyncTests(StoreKind kind) : DurabilityTestBase(kind)
{
    private const int Instances = 8;
    private const int InstanceSyncEvent = 3040;
    private const int ThingSyncDoneEvent = 3041;
    private const int UpgradePassDoneEvent = 3062;

    [Fact]
    public async Task Start_ApplyOnManyInstances_OnePlatformRefusalStopsNoOtherAndTheNextStartFinishesIt()
    {
        string[] instanceIds = await InstallVersionOneAsync();
        Platform.Faults.FailNext(1, statusCode: 400, operation: PlatformOperation.CreateThing);

        ConnectorHost host = await StartHostAsync(VersionTwo("Apply"));
        await WaitForLogAsync(host, ThingSyncDoneEvent);

        string[] refused = [.. instanceIds.Where(id => Platform.GetThings(id).Count == 1)];
        string only = Assert.Single(refused);
        Assert.All(instanceIds.Where(id => id != only), id => Assert.Equal(2, Platform.GetThings(id).Count));
        Assert.Contains(host.Logs.GetSnapshot(), record => record.Id.Id == InstanceSyncEvent && record.Message.Contains(only, StringComparison.Ordinal) && !record.Message.EndsWith("error: -.", StringComparison.Ordinal));
        Assert.Contains("applied", host.Logs.GetSnapshot().Last(record => record.Id.Id == ThingSyncDoneEvent).Message, StringComparison.Ordinal);
        await host.StopAsync();

        ConnectorHost again = await StartHostAsync(VersionTwo("Apply"));
        await WaitForLogAsync(again, ThingSyncDoneEvent);

        Assert.All(instanceIds, id => Assert.Equal(2, Platform.GetThings(id).Count));
        Assert.Equal(Instances, Platform.Things.Count(thing => thing.AsCreated.Name == DeviceConnector.ExtraExternalId));
        Assert.Equal(2 * Instances, Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing && request.Accepted));
    }

    [Fact]
    public async Task Start_Report_PlansEveryInstanceAndCreatesNothing()
    {
        string[] instanceIds = await InstallVersionOneAsync();
        int creations = Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing);

        ConnectorHost host = await StartHostAsync(VersionTwo("Report"));
        await WaitForLogAsync(host, ThingSyncDoneEvent);

        string done = host.Logs.GetSnapshot().Last(record => record.Id.Id == ThingSyncDoneEvent).Message;
        Assert.Contains("planned", done, StringComparison.Ordinal);
        Assert.Contains($"{Instances} instance(s) compared; {Instances} missing", done, StringComparison.Ordinal);
        Assert.Equal(creations, Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing));
        Assert.All(instanceIds, id => Assert.Single(Platform.GetThings(id)));
    }

    [Fact]
    public async Task Start_Off_ComparesNothing()
    {
        await InstallVersionOneAsync();
        int creations = Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing);

        ConnectorHost host = await StartHostAsync(VersionTwo("Off"));
        // The re-sync would run right after the first upgrade pass; once that is logged and a callback answered, it would have started.
        await WaitForLogAsync(host, UpgradePassDoneEvent);
        SetupCallbackResponse installed = await Platform.ConnectTo(host.BaseAddress, DurabilityApp.CallbackPath).InstallAsync();
        Assert.Equal(201, installed.StatusCode);
        await host.StopAsync();

        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Id.Id is ThingSyncDoneEvent or InstanceSyncEvent);
        Assert.Equal(creations, Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing));
    }

    [Fact]
    public async Task Start_ApplyOnTwoReplicasAtOnce_CreatesEachMissingThingOnce()
    {
        string[] instanceIds = await InstallVersionOneAsync();

        ConnectorHost[] replicas = await Task.WhenAll(StartHostAsync(VersionTwo("Apply")), StartHostAsync(VersionTwo("Apply")));
        foreach (ConnectorHost replica in replicas)
        {
            await WaitForLogAsync(replica, ThingSyncDoneEvent);
        }

        Assert.All(instanceIds, id => Assert.Equal(2, Platform.GetThings(id).Count));
        Assert.Equal(Instances, Platform.Things.Count(thing => thing.AsCreated.Name == DeviceConnector.ExtraExternalId));
        Assert.Equal(2 * Instances, Platform.Requests.Count(request => request.Operation == PlatformOperation.CreateThing && request.Accepted));
    }

    [Fact]
    public async Task Start_ApplyWithChangedThings_RecreatesThemWithTheValuesLastReported()
    {
        string[] instanceIds = await InstallVersionOneAsync(properties: 2);
        string instanceId = instanceIds[0];
        string oldThingId = Assert.Single(Platform.GetThings(instanceId)).ThingId;
        ConnectorHost reporter = await StartHostAsync(values => values[DeviceConnector.VersionKey] = "1");
        ThingReference device = ThingReference.ByExternalId(instanceId, DeviceConnector.ExternalId(1));
        DateTimeOffset observed = DateTimeOffset.UtcNow;
        await reporter.Platform.UpdatePropertyAsync(device, DeviceConnector.Component, DeviceConnector.PropertyId(0), "old", observed);
        await reporter.Platform.UpdatePropertyAsync(device, DeviceConnector.Component, DeviceConnector.PropertyId(0), "42", observed.AddSeconds(1));
        await Platform.WaitForPropertyAsync(oldThingId, DeviceConnector.Component, DeviceConnector.PropertyId(0), "42");
        await reporter.StopAsync();

        ConnectorHost host = await StartHostAsync(values =>
        {
            VersionTwo("Apply")(values);
            values[DeviceConnector.ExtraDeviceKey] = "false";
            values[DeviceConnector.ExtraPropertyKey] = "true";
        });
        await WaitForLogAsync(host, ThingSyncDoneEvent);

        Assert.True(Platform.GetThing(oldThingId)!.IsDeleted);
        RecordedThing recreated = Assert.Single(Platform.GetThings(instanceId));
        Assert.NotEqual(oldThingId, recreated.ThingId);
        Component component = Assert.Single(recreated.AsCreated.Components);
        Assert.Equal(
            [(DeviceConnector.PropertyId(0), "42"), (DeviceConnector.PropertyId(1), ""), (DeviceConnector.ExtraPropertyId, DeviceConnector.ExtraPropertyValue)],
            component.Properties.Select(property => (property.Id, property.Value)));
        Assert.All(instanceIds.Skip(1), id => Assert.Equal(
            [string.Empty, string.Empty, DeviceConnector.ExtraPropertyValue],
            Assert.Single(Platform.GetThings(id)).AsCreated.Components.Single().Properties.Select(property => property.Value)));
    }

    /// <summary>Version 1 sets up one installation with <see cref="Instances"/> instances of one thing each, then stops.</summary>
    private async Task<string[]> InstallVersionOneAsync(int properties = 1)
    {
        ConnectorHost host = await StartHostAsync(values => values[DeviceConnector.VersionKey] = "1");
        ConnectorUnderTest sender = Platform.ConnectTo(host.BaseAddress, DurabilityApp.CallbackPath);
        SetupCallbackResponse installation = await sender.InstallAsync();
        Assert.Equal(201, installation.StatusCode);
        List<string> instances = [];
        for (int index = 0; index < Instances; index++)
        {
            SetupCallbackResponse instance = await sender.InstantiateAsync(installation.Id, new Dictionary<string, string>
            {
                [DeviceConnector.DevicesParameter] = "1",
                [DeviceConnector.PropertiesParameter] = properties.ToString(CultureInfo.InvariantCulture),
            });
            Assert.Equal(201, instance.StatusCode);
            instances.Add(instance.Id);
        }

        await host.StopAsync();
        return [.. instances];
    }

    private static Action<Dictionary<string, string?>> VersionTwo(string thingSync) => values =>
    {
        values[DeviceConnector.VersionKey] = 2.ToString(CultureInfo.InvariantCulture);
        values[DeviceConnector.ExtraDeviceKey] = "true";
        values["Connctd:ThingSync"] = thingSync;
        values["Connctd:Upgrade:PollInterval"] = "00:00:00.200";
    };

    private static Task WaitForLogAsync(ConnectorHost host, int eventId) =>
        EventuallyAsync(() => Task.FromResult(host.Logs.GetSnapshot().Any(record => record.Id.Id == eventId)), () => $"event {eventId}\n{host.LogText()}");
}

public sealed class SqliteThingResyncTests() : ThingResyncTests(StoreKind.Sqlite);

public sealed class PostgreSqlThingResyncTests() : ThingResyncTests(StoreKind.PostgreSql);
