using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.AspNetCore.Sync;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.Logging.Testing;

namespace Connctd.Connector.Sdk.AspNetCore.Tests;

/// <summary>
/// <c>Connctd:ThingSync</c> at start-up, on a host restarted with a new connector version: several instances, one of
/// them refused by the platform.
/// </summary>
public sealed class ThingSyncStartupTests : HostedTest
{
    private const int SyncDoneEvent = 3041;

    [Fact]
    public async Task Start_Apply_CreatesWhatIsMissingInEveryInstanceAndOneRefusalStopsNoOther()
    {
        await InstantiateTwoAsync();
        NewVersion();
        Guid refused = Platform.FailThingCreation(400, thingName: "Lamp new i-1");

        Host.ConfigureOptions = options => options.ThingSync = ThingSyncMode.Apply;
        int logged = Host.Logs.GetSnapshot().Count;
        await RestartAsync();
        FakeLogRecord done = await SyncDoneAsync(logged);

        Assert.Contains("applied", done.Message, StringComparison.Ordinal);
        Assert.Contains("Lamp new i-2", Platform.CreatedThingNames());
        Assert.DoesNotContain("Lamp new i-1", Platform.CreatedThingNames());
        Assert.Equal([("lamp-1", "thing-1"), ("lamp-2", "thing-2")], await Host.ConnectorPlatform.GetThingsAsync("i-1"));
        Assert.Equal(3, (await Host.ConnectorPlatform.GetThingsAsync("i-2")).Count);
        Assert.Contains(Host.Logs.GetSnapshot().Skip(logged), record => record.Id.Id == 3040 && record.Message.Contains("i-1", StringComparison.Ordinal) && !record.Message.EndsWith("error: .", StringComparison.Ordinal));

        // The platform accepts it again: the next start creates what the refusal left missing, and nothing twice.
        Platform.Fix(refused);
        logged = Host.Logs.GetSnapshot().Count;
        await RestartAsync();
        await SyncDoneAsync(logged);
        Assert.Single(Platform.CreatedThingNames(), name => name == "Lamp new i-1");
        Assert.Single(Platform.CreatedThingNames(), name => name == "Lamp new i-2");
    }

    [Fact]
    public async Task Start_Report_PlansForEveryInstanceAndChangesNothing()
    {
        await InstantiateTwoAsync();
        NewVersion();
        int created = Platform.ThingCreations().Count;

        Host.ConfigureOptions = options => options.ThingSync = ThingSyncMode.Report;
        int logged = Host.Logs.GetSnapshot().Count;
        await RestartAsync();
        FakeLogRecord done = await SyncDoneAsync(logged);

        Assert.Contains("planned", done.Message, StringComparison.Ordinal);
        Assert.Contains("2 instance(s) compared; 2 missing", done.Message, StringComparison.Ordinal);
        Assert.Equal(created, Platform.ThingCreations().Count);
    }

    [Fact]
    public async Task Start_Off_ComparesNothing()
    {
        await InstantiateTwoAsync();
        NewVersion();
        int created = Platform.ThingCreations().Count;

        Host.ConfigureOptions = options => options.ThingSync = ThingSyncMode.Off;
        int logged = Host.Logs.GetSnapshot().Count;
        await RestartAsync();

        // A callback answered proves the host is up; the re-sync would have run before it, in start-up.
        using HttpResponseMessage answered = await Callbacks.ActAsync("a-1", "thing-1");
        await ProtocolAssert.StatusAsync(answered, HttpStatusCode.NoContent);
        Assert.DoesNotContain(Host.Logs.GetSnapshot().Skip(logged), record => record.Id.Id is SyncDoneEvent or 3040);
        Assert.Equal(created, Platform.ThingCreations().Count);
    }

    [Fact]
    public async Task Start_ApplyOnTwoReplicasAtOnce_CreatesEachMissingThingOnce()
    {
        await InstantiateTwoAsync();
        await Host.StopAsync();
        NewVersion();
        Host.ConfigureOptions = options => options.ThingSync = ThingSyncMode.Apply;
        await using ConnectorTestHost replica = ConnectorTestHost.Create(Platform, Host.Signer, Host.Directory);
        replica.ConfigureOptions = Host.ConfigureOptions;
        replica.Behavior.Things = Host.Behavior.Things;

        int logged = Host.Logs.GetSnapshot().Count;

        await Task.WhenAll(Host.StartAsync(), replica.StartAsync());
        await SyncDoneAsync(logged);
        await Eventually.UntilAsync(() => replica.Logs.GetSnapshot().Any(record => record.Id.Id == SyncDoneEvent), "the re-sync of the second replica");

        Assert.Single(Platform.SuccessfulThingCreations(), entry => FakePlatformApi.ThingName(entry) == "Lamp new i-1");
        Assert.Single(Platform.SuccessfulThingCreations(), entry => FakePlatformApi.ThingName(entry) == "Lamp new i-2");
        Assert.Equal(3, (await Host.ConnectorPlatform.GetThingsAsync("i-1")).Count);
        Assert.Equal(3, (await replica.ConnectorPlatform.GetThingsAsync("i-2")).Count);
    }

    /// <summary>Two instances of one installation, two lamps each (thing-1, thing-2 for i-1; thing-3, thing-4 for i-2).</summary>
    private async Task InstantiateTwoAsync()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2);
        using HttpResponseMessage second = await Callbacks.InstantiateAsync("i-2", "inst-1", configuration: """[{"id":"lamps","value":"2"}]""");
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Created);
    }

    /// <summary>The next connector version: every instance gains a lamp named after the instance.</summary>
    private void NewVersion() => Behavior.Things = context =>
        [.. TestConnectorBehavior.LampThings(2), new ThingTemplate("lamp-new", TestConnectorBehavior.Lamp("Lamp new " + context.Instance.Id))];

    /// <summary>Waits for the re-sync of the start that logged after the first <paramref name="logged"/> records.</summary>
    private async Task<FakeLogRecord> SyncDoneAsync(int logged)
    {
        await Eventually.UntilAsync(() => Host.Logs.GetSnapshot().Skip(logged).Any(record => record.Id.Id == SyncDoneEvent), "the start-up re-sync");
        return Host.Logs.GetSnapshot().Skip(logged).Last(record => record.Id.Id == SyncDoneEvent);
    }
}
