using System.Net;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using WireMock.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>Background thing creation: 202 at once, then COMPLETE or FAILED through the instance state API, resumed after a restart.</summary>
public sealed class BackgroundThingCreationTests : HostedTest
{
    private const string InstanceToken = "instance-token-background";

    protected override void Configure(ConnectorTestHost host) => host.ConfigureConnector = connector => connector.UseBackgroundThingCreation();

    [Fact]
    public async Task Instantiate_BackgroundMode_Answers202ThenReportsCompleteAfterCreatingThings()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken, """[{"id":"lamps","value":"3"}]""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(1, (await CallbackSender.JsonAsync(response)).GetProperty("furtherStep").GetProperty("type").GetInt32());
        ILogEntry report = await SingleStateReportAsync();
        Assert.Equal(2, FakePlatformApi.BodyJson(report).GetProperty("state").GetInt32());
        Assert.Equal(InstanceToken, FakePlatformApi.BearerToken(report));
        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], Platform.CreatedThingNames().Order());
        Assert.True(LastCreationBefore(report), "COMPLETE was reported before every thing existed.");
        InstanceRecord? stored = await Host.Store.GetInstanceAsync("i-1", CancellationToken.None);
        Assert.Equal(LifecycleState.Complete, stored?.State);
        Assert.Equal(ThingCreationStatus.Completed, stored?.ThingCreation);
    }

    [Fact]
    public async Task Instantiate_BackgroundModePlatformRefusesThing_ReportsFailed()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Platform.FailThingCreation(500, thingName: "Lamp 2");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken);

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        ILogEntry report = await SingleStateReportAsync();
        JsonElement body = FakePlatformApi.BodyJson(report);
        Assert.Equal(4, body.GetProperty("state").GetInt32());
        Assert.Equal(ErrorCodes.ThingCreationFailed, body.GetProperty("details").GetProperty("error").GetString());
        Assert.Equal(InstanceToken, FakePlatformApi.BearerToken(report));
        Assert.Equal(LifecycleState.Failed, (await Host.Store.GetInstanceAsync("i-1", CancellationToken.None))?.State);
    }

    [Fact]
    public async Task Instantiate_BackgroundModeInvalidThing_ReportsFailed()
    {
        Behavior.Things = _ => [new Things.ThingTemplate("bad", TestConnectorBehavior.Lamp("Broken") with { Components = [] })];
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken);

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        ILogEntry report = await SingleStateReportAsync();
        Assert.Equal(4, FakePlatformApi.BodyJson(report).GetProperty("state").GetInt32());
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_BackgroundModeRepeatedWhileCreating_Answers202WithoutCreatingTwice()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Platform.CreateThingsAfter(TimeSpan.FromMilliseconds(200));

        using HttpResponseMessage first = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken, """[{"id":"lamps","value":"3"}]""");
        using HttpResponseMessage second = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken, """[{"id":"lamps","value":"3"}]""");

        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Accepted);
        Assert.True(second.IsSuccessStatusCode, $"answered {(int)second.StatusCode}");
        await SingleStateReportAsync();
        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], Platform.CreatedThingNames().Order());
        Assert.Equal(1, Behavior.CallCount("instantiate:i-1"));
    }

    [Fact]
    public async Task Restart_DuringBackgroundCreation_CreatesRemainingThingsOnceAndReportsComplete()
    {
        const int lamps = 5;
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Platform.CreateThingsAfter(TimeSpan.FromMilliseconds(500));
        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken, $$"""[{"id":"lamps","value":"{{lamps}}"}]""");
        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        await Eventually.UntilAsync(
            async () => (await Host.Store.ListThingsAsync("i-1", CancellationToken.None)).Any(thing => thing.State == ThingMappingState.Created),
            "the first thing to be created");

        await Host.StopAsync();
        int createdBeforeRestart = Platform.ThingCreations().Count;
        await RestartAsync();

        Assert.InRange(createdBeforeRestart, 1, lamps - 1);
        ILogEntry report = await SingleStateReportAsync();
        Assert.Equal(2, FakePlatformApi.BodyJson(report).GetProperty("state").GetInt32());
        Assert.Equal(InstanceToken, FakePlatformApi.BearerToken(report));
        Assert.Equal(Enumerable.Range(1, lamps).Select(i => $"Lamp {i}").Order(), Platform.ThingCreations().Select(FakePlatformApi.ThingName).Order());
        IReadOnlyList<ThingMapping> things = await Host.Store.ListThingsAsync("i-1", CancellationToken.None);
        Assert.Equal(lamps, things.Count);
        Assert.All(things, thing => Assert.Equal(ThingMappingState.Created, thing.State));
        Assert.Equal(LifecycleState.Complete, (await Host.Store.GetInstanceAsync("i-1", CancellationToken.None))?.State);
    }

    [Fact]
    public async Task ReportInstanceState_CompleteForOngoingInstance_CreatesThingsThenReportsComplete()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Behavior.Instantiate = (_, _) => ValueTask.FromResult(SetupOutcome.Ongoing(FurtherStep.FromText("Pair the hub.")));
        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken);
        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        Assert.Empty(Platform.ThingCreations());

        await Host.ConnectorPlatform.ReportInstanceStateAsync("i-1", LifecycleState.Complete);

        ILogEntry report = await SingleStateReportAsync();
        Assert.Equal(2, FakePlatformApi.BodyJson(report).GetProperty("state").GetInt32());
        Assert.Equal(["Lamp 1", "Lamp 2"], Platform.CreatedThingNames().Order());
        Assert.True(LastCreationBefore(report), "COMPLETE was reported before every thing existed.");
    }

    private async Task<ILogEntry> SingleStateReportAsync()
    {
        await Eventually.UntilAsync(() => Platform.InstanceStateReports().Count > 0, "the instance state report");
        return Assert.Single(Platform.InstanceStateReports());
    }

    private bool LastCreationBefore(ILogEntry report) =>
        Platform.SuccessfulThingCreations().All(creation => creation.RequestMessage.DateTime <= report.RequestMessage.DateTime);
}
