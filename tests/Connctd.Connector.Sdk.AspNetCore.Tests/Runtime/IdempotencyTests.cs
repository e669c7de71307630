using System.Net;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using WireMock.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>Repeated callbacks with the same id get the recorded answer; hooks and platform calls happen once.</summary>
public sealed class IdempotencyTests : HostedTest
{
    [Fact]
    public async Task Install_Repeated_Answers201AgainAndRunsHookOnce()
    {
        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1");
        using HttpResponseMessage second = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Created);
        Assert.Equal(1, Behavior.CallCount("install:inst-1"));
        Assert.Single(await Host.ConnectorPlatform.GetInstallationsAsync());
    }

    [Fact]
    public async Task Install_RepeatedWithNewToken_PlatformSeesNewToken()
    {
        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1", "installation-token-old");
        using HttpResponseMessage second = await Callbacks.InstallAsync("inst-1", "installation-token-new");

        await Host.ConnectorPlatform.ReportInstallationStateAsync("inst-1", LifecycleState.Complete);

        await Eventually.UntilAsync(() => Platform.InstallationStateReports().Count > 0, "the installation state report");
        Assert.Equal("installation-token-new", FakePlatformApi.BearerToken(Assert.Single(Platform.InstallationStateReports())));
        Assert.Equal(1, Behavior.CallCount("install:inst-1"));
    }

    [Fact]
    public async Task Install_RepeatedOngoing_Answers202WithSameBodyAndRunsHookOnce()
    {
        Behavior.Install = (_, _) => ValueTask.FromResult(SetupOutcome.Ongoing(FurtherStep.RedirectTo(new Uri("https://auth.example.com/x"))));

        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1");
        using HttpResponseMessage second = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Accepted);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Accepted);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, Behavior.CallCount("install:inst-1"));
    }

    [Fact]
    public async Task Install_RepeatedAfterRefusal_RunsHookAgain()
    {
        int attempt = 0;
        Behavior.Install = (_, _) => ValueTask.FromResult(++attempt == 1 ? SetupOutcome.Forbidden("Wrong region.") : SetupOutcome.Completed());

        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1");
        using HttpResponseMessage second = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.ErrorAsync(first, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Created);
        Assert.Equal(2, Behavior.CallCount("install:inst-1"));
    }

    [Fact]
    public async Task Instantiate_Repeated_Answers201AgainWithoutCreatingThings()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2);

        using HttpResponseMessage again = await Callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"2"}]""");

        await ProtocolAssert.StatusAsync(again, HttpStatusCode.Created);
        Assert.Equal(2, Platform.ThingCreations().Count);
        Assert.Equal(1, Behavior.CallCount("instantiate:i-1"));
        Assert.Equal(2, (await Host.ConnectorPlatform.GetThingsAsync("i-1")).Count);
    }

    [Fact]
    public async Task Instantiate_RepeatedWithNewToken_PlatformSeesNewToken()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1, instanceToken: "instance-token-old");

        using HttpResponseMessage again = await Callbacks.InstantiateAsync("i-1", "inst-1", "instance-token-new", """[{"id":"lamps","value":"1"}]""");
        await Host.ConnectorPlatform.UpdateThingStatusAsync(ThingReference.ById("thing-1"), Things.ThingStatus.Unavailable);

        string path = FakePlatformApi.ThingsPath + "/thing-1/status";
        await Eventually.UntilAsync(() => Platform.Requests("PUT", path).Count > 0, "the thing status update");
        Assert.Equal("instance-token-new", FakePlatformApi.BearerToken(Assert.Single(Platform.Requests("PUT", path))));
    }

    [Fact]
    public async Task Instantiate_RepeatedOngoing_Answers202WithSameBodyAndRunsHookOnce()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Behavior.Instantiate = (_, _) => ValueTask.FromResult(SetupOutcome.Ongoing(FurtherStep.FromText("Press the button.")));

        using HttpResponseMessage first = await Callbacks.InstantiateAsync("i-1", "inst-1");
        using HttpResponseMessage second = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Accepted);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Accepted);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, Behavior.CallCount("instantiate:i-1"));
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_RetriedAfterFailedThingCreation_CreatesOnlyMissingThings()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Guid failure = Platform.FailThingCreation(500, thingName: "Lamp 2");

        using HttpResponseMessage first = await Callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"3"}]""");
        await ProtocolAssert.ErrorAsync(first, HttpStatusCode.BadGateway, ErrorCodes.ThingCreationFailed);
        Assert.Equal(["Lamp 1"], Platform.CreatedThingNames());

        Platform.Fix(failure);
        using HttpResponseMessage retry = await Callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"3"}]""");

        await ProtocolAssert.StatusAsync(retry, HttpStatusCode.Created);
        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], Platform.CreatedThingNames().Order());
        Assert.Equal(3, (await Host.ConnectorPlatform.GetThingsAsync("i-1")).Count);
        Assert.Equal(1, Behavior.CallCount("instantiate:i-1"));
    }

    [Fact]
    public async Task Instantiate_RetriedAfterEveryCreationFailed_CreatesAllThings()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Guid failure = Platform.FailThingCreation(503);

        using HttpResponseMessage first = await Callbacks.InstantiateAsync("i-1", "inst-1");
        Platform.Fix(failure);
        using HttpResponseMessage retry = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.ErrorAsync(first, HttpStatusCode.BadGateway, ErrorCodes.ThingCreationFailed);
        await ProtocolAssert.StatusAsync(retry, HttpStatusCode.Created);
        Assert.Equal(["Lamp 1", "Lamp 2"], Platform.CreatedThingNames().Order());
    }

    [Fact]
    public async Task Install_RepeatedAfterConnectorReportedFailed_RunsHookAgain()
    {
        Behavior.Install = (_, _) => ValueTask.FromResult(Behavior.CallCount("install:") == 1
            ? SetupOutcome.Ongoing(FurtherStep.RedirectTo(new Uri("https://auth.example.com/consent")))
            : SetupOutcome.Completed());
        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1");
        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Accepted);
        await Host.ConnectorPlatform.ReportInstallationStateAsync("inst-1", LifecycleState.Failed);

        using HttpResponseMessage retry = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(retry, HttpStatusCode.Created);
        Assert.Equal(2, Behavior.CallCount("install:inst-1"));
    }

    [Fact]
    public async Task Instantiate_RepeatedAfterConnectorReportedFailed_RunsHookAgainAndCreatesThings()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Behavior.Instantiate = (_, _) => ValueTask.FromResult(Behavior.CallCount("instantiate:") == 1
            ? SetupOutcome.Ongoing(FurtherStep.RedirectTo(new Uri("https://auth.example.com/consent")))
            : SetupOutcome.Completed());
        using HttpResponseMessage first = await Callbacks.InstantiateAsync("i-1", "inst-1");
        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Accepted);
        await Host.ConnectorPlatform.ReportInstanceStateAsync("i-1", LifecycleState.Failed);

        using HttpResponseMessage retry = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.StatusAsync(retry, HttpStatusCode.Created);
        Assert.Equal(2, Behavior.CallCount("instantiate:i-1"));
        Assert.Equal(["Lamp 1", "Lamp 2"], Platform.CreatedThingNames().Order());
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("failed")]
    [InlineData("pending")]
    [InlineData("badrequest")]
    [InlineData("forbidden")]
    public async Task Act_RepeatedId_AnswersRecordedOutcomeAndRunsHookOnce(string kind)
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        Behavior.Action = (_, _) => ValueTask.FromResult(kind switch
        {
            "completed" => ActionOutcome.Completed(),
            "failed" => ActionOutcome.Failed("The lamp is unreachable."),
            "pending" => ActionOutcome.Pending(),
            "badrequest" => ActionOutcome.BadRequest("Bad parameter."),
            _ => ActionOutcome.Forbidden("Locked."),
        });

        using HttpResponseMessage first = await Callbacks.ActAsync("a-1", "thing-1");
        using HttpResponseMessage second = await Callbacks.ActAsync("a-1", "thing-1");

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, Behavior.CallCount("action:a-1"));
        HttpStatusCode expected = kind switch
        {
            "completed" => HttpStatusCode.NoContent,
            "failed" or "pending" => HttpStatusCode.Accepted,
            "badrequest" => HttpStatusCode.BadRequest,
            _ => HttpStatusCode.Forbidden,
        };
        Assert.Equal(expected, second.StatusCode);
    }

    [Fact]
    public async Task Act_RepeatedPendingId_Answers202Pending()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Pending());

        using HttpResponseMessage first = await Callbacks.ActAsync("a-1", "thing-1");
        using HttpResponseMessage second = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Accepted);
        JsonElement body = await CallbackSender.JsonAsync(second);
        Assert.Equal("a-1", body.GetProperty("id").GetString());
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Act_RepeatedWhileFirstStillRuns_WaitsAndAnswersTheFirstAnswerWithoutRunningHookAgain()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Behavior.Action = async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return ActionOutcome.Completed();
        };

        Task<HttpResponseMessage> first = Callbacks.ActAsync("a-1", "thing-1");
        await entered.Task.WaitAsync(Eventually.DefaultTimeout);
        Task<HttpResponseMessage> second = Callbacks.ActAsync("a-1", "thing-1");
        await Eventually.UntilAsync(() => Host.AllLogText().Contains("a-1: repeated while its hook runs", StringComparison.Ordinal), "the repeat waiting");
        Assert.False(second.IsCompleted, "the repeat answered before the first request's hook finished");
        release.SetResult();
        using HttpResponseMessage firstResponse = await first;
        using HttpResponseMessage secondResponse = await second;

        await ProtocolAssert.StatusAsync(firstResponse, HttpStatusCode.NoContent);
        await ProtocolAssert.StatusAsync(secondResponse, HttpStatusCode.NoContent);
        Assert.Equal(1, Behavior.CallCount("action:a-1"));
    }

    [Fact]
    public async Task Act_RepeatedAfterProcessDiedInHook_ReportsFailedThroughOutboxAndAnswersFailed()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);

        // What a process killed inside the hook leaves behind: the placeholder record, no outcome, older than the timeout.
        DateTimeOffset started = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(3);
        await Host.Store.TryBeginActionAsync(
            new ActionRecord("a-1", "i-1", "thing-1", "lamp", "setOn", ActionStatus.Pending, null, 0, started, started),
            CancellationToken.None);

        using HttpResponseMessage repeat = await Callbacks.ActAsync("a-1", "thing-1");
        using HttpResponseMessage again = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.StatusAsync(repeat, HttpStatusCode.Accepted);
        Assert.Equal("FAILED", (await CallbackSender.JsonAsync(repeat)).GetProperty("status").GetString());
        await ProtocolAssert.StatusAsync(again, HttpStatusCode.Accepted);
        Assert.Equal("FAILED", (await CallbackSender.JsonAsync(again)).GetProperty("status").GetString());
        Assert.Equal(0, Behavior.CallCount("action:a-1"));
        await Eventually.UntilAsync(() => Platform.ActionUpdates("a-1").Count > 0, "the FAILED action update");
        ILogEntry update = Assert.Single(Platform.ActionUpdates("a-1"));
        Assert.Equal("FAILED", FakePlatformApi.BodyJson(update).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Act_SameIdFiveTimesConcurrently_RunsHookOnce()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Callbacks.ActAsync("a-1", "thing-1")));

        Assert.All(responses, response => Assert.True(response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted, $"answered {(int)response.StatusCode}"));
        Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1, Behavior.CallCount("action:a-1"));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Act_DistinctIds_RunHookForEach()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);

        using HttpResponseMessage first = await Callbacks.ActAsync("a-1", "thing-1");
        using HttpResponseMessage second = await Callbacks.ActAsync("a-2", "thing-1");

        await ProtocolAssert.StatusAsync(first, HttpStatusCode.NoContent);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.NoContent);
        Assert.Equal(2, Behavior.CallCount("action:"));
    }

    [Fact]
    public async Task CompleteAction_RepeatedActionAfterwards_StillAnswersRecordedOutcome()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Pending());
        using HttpResponseMessage first = await Callbacks.ActAsync("a-1", "thing-1");
        await Host.ConnectorPlatform.CompleteActionAsync("a-1");

        using HttpResponseMessage repeat = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.StatusAsync(repeat, HttpStatusCode.Accepted);
        Assert.Equal(1, Behavior.CallCount("action:a-1"));
        await Eventually.UntilAsync(() => Platform.ActionUpdates("a-1").Count > 0, "the action update");
        ILogEntry update = Assert.Single(Platform.ActionUpdates("a-1"));
        Assert.Equal("COMPLETED", FakePlatformApi.BodyJson(update).GetProperty("status").GetString());
    }
}
