using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Testing.Tests.Infrastructure;
using Connctd.Connector.Sdk.Security;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Testing.Tests;

public sealed class FakeConnctdPlatformTests
{
    private static readonly Dictionary<string, string> On = new() { ["on"] = "true" };

    [Fact]
    public async Task StartAsync_Defaults_ServesApiOnLoopbackWithNewKeyPair()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();

        Assert.Equal("127.0.0.1", platform.PlatformUrl.Host);
        Assert.NotEqual(0, platform.PlatformUrl.Port);
        Assert.Equal("/api/v1/", platform.PlatformUrl.AbsolutePath);
        Assert.Equal(platform.PublicKey, ConnectorPublicKey.Parse(platform.PublicKeyBase64));
        Assert.Equal(platform.PublicKeyBase64, platform.ConnectorSettings["Connctd:PublicKey"]);
        Assert.Equal(platform.PlatformUrl.AbsoluteUri, platform.ConnectorSettings["Connctd:PlatformUrl"]);
    }

    [Fact]
    public async Task StartAsync_TwoPlatforms_HaveDifferentKeysAndPorts()
    {
        await using FakeConnctdPlatform first = await FakeConnctdPlatform.StartAsync();
        await using FakeConnctdPlatform second = await FakeConnctdPlatform.StartAsync();

        Assert.NotEqual(first.PublicKeyBase64, second.PublicKeyBase64);
        Assert.NotEqual(first.PlatformUrl.Port, second.PlatformUrl.Port);
    }

    [Fact]
    public async Task StartAsync_PrivateKeySeed_UsesThatKeyPair()
    {
        using RequestSigner signer = RequestSigner.Generate();

        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync(
            new FakeConnctdPlatformOptions { PrivateKeySeedBase64 = signer.ExportPrivateKeySeedBase64() });

        Assert.Equal(signer.PublicKey, platform.PublicKey);
    }

    [Fact]
    public async Task StartAsync_NegativePort_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FakeConnctdPlatform.StartAsync(new FakeConnctdPlatformOptions { Port = -1 }));
    }

    [Fact]
    public async Task InstallAndInstantiate_KestrelHost_RecordsThingsWithSequentialIds()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        host.Behavior.Things = _ => ProbeBehavior.Lamps(3);

        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();

        Assert.Equal(201, instance.StatusCode);
        Assert.Equal(LifecycleState.Complete, instance.State);
        IReadOnlyList<RecordedThing> things = await platform.WaitForThingsAsync(instance.Id, 3);
        Assert.Equal(["thing-1", "thing-2", "thing-3"], things.Select(thing => thing.ThingId));
        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], things.Select(thing => thing.Thing.Name));
        Assert.All(things, thing => Assert.Equal(instance.Id, thing.InstanceId));
        Assert.Equal("thing-2", platform.GetThing("thing-2")!.Thing.Id);
        Assert.Equal(LifecycleState.Complete, platform.GetInstance(instance.Id)!.State);
        Assert.Equal(LifecycleState.Complete, platform.GetInstallation(platform.GetInstance(instance.Id)!.InstallationId)!.State);
    }

    [Fact]
    public async Task InstallAndInstantiate_TestServerClient_SignsWithTheClientsHost()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform, testServer: true);
        ConnectorUnderTest connector = host.Connect(platform);

        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();

        Assert.Equal(201, instance.StatusCode);
        Assert.Equal(2, (await platform.WaitForThingsAsync(instance.Id, 2)).Count);
        ActionCallbackResponse action = await connector.SendActionAsync("thing-1", "lamp", "setOn", On);
        Assert.Equal(204, action.StatusCode);
        Assert.Equal(ActionStatus.Completed, platform.GetActionRequest(action.ActionRequestId)!.Status);
    }

    [Fact]
    public async Task InstallAndInstantiate_InstanceConfiguration_IsSentAndKept()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        string? seen = null;
        host.Behavior.Instantiate = context =>
        {
            seen = context.Instance.Configuration.GetString("lamps");
            return ValueTask.FromResult(SetupOutcome.Completed());
        };

        SetupCallbackResponse instance = await host.Connect(platform).InstallAndInstantiateAsync(new Dictionary<string, string> { ["lamps"] = "5" });

        Assert.Equal("5", seen);
        Assert.Equal("5", platform.GetInstance(instance.Id)!.Configuration["lamps"]);
    }

    [Fact]
    public async Task InstallAndInstantiate_InstallationRefused_Throws()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        host.Behavior.Install = _ => ValueTask.FromResult(SetupOutcome.Forbidden("no"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Connect(platform).InstallAndInstantiateAsync());
    }

    [Fact]
    public async Task WaitForPropertyAsync_ValueSentLater_ReturnsTheThingWithIt()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        DateTimeOffset measured = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        Task<RecordedThing> wait = platform.WaitForPropertyAsync("thing-2", "lamp", "level", "42");
        await host.Platform.UpdatePropertyAsync(ThingReference.ByExternalId(instance.Id, "lamp-2"), "lamp", "level", "42", measured);
        RecordedThing thing = await wait;

        Assert.Equal("42", thing.GetPropertyValue("lamp", "level"));
        RecordedPropertyUpdate update = Assert.Single(platform.PropertyUpdates);
        Assert.Equal(("thing-2", instance.Id, "lamp", "level", "42", measured), (update.ThingId, update.InstanceId, update.ComponentId, update.PropertyId, update.Value, update.LastUpdate));
        Assert.Equal(measured, thing.Thing.Components[0].Properties.Single(property => property.Id == "level").LastUpdate);
        Assert.Equal("0", thing.AsCreated.Components[0].Properties.Single(property => property.Id == "level").Value);
    }

    [Fact]
    public async Task WaitForPropertyAsync_CreatedValueMatches_ReturnsAtOnce()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        SetupCallbackResponse instance = await host.Connect(platform).InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);

        RecordedThing thing = await platform.WaitForPropertyAsync("thing-1", "lamp", "on", "false");

        Assert.Equal("thing-1", thing.ThingId);
        Assert.Empty(platform.PropertyUpdates);
    }

    [Fact]
    public async Task WaitForPropertyAsync_ValueNeverSent_ThrowsWithWhatWasReceived()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        SetupCallbackResponse instance = await host.Connect(platform).InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);

        FakePlatformTimeoutException exception = await Assert.ThrowsAsync<FakePlatformTimeoutException>(
            () => platform.WaitForPropertyAsync("thing-1", "lamp", "on", "true", TimeSpan.FromMilliseconds(200)));

        Assert.Equal(TimeSpan.FromMilliseconds(200), exception.Timeout);
        Assert.Contains("\"false\"", exception.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForPropertyAsync_Canceled_ThrowsOperationCanceled()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        using var cancel = new CancellationTokenSource();
        Task wait = platform.WaitForPropertyAsync("thing-1", "lamp", "on", "true", TimeSpan.FromMinutes(5), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task WaitForActionUpdateAsync_PendingActionCompletedLater_ReturnsTheUpdate()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        host.Behavior.Action = _ => ValueTask.FromResult(ActionOutcome.Pending());

        ActionCallbackResponse action = await connector.SendActionAsync("thing-1", "lamp", "setOn", On);
        Assert.Equal(202, action.StatusCode);
        Assert.Equal(ActionStatus.Pending, action.Status);
        Assert.Equal(ActionStatus.Pending, platform.GetActionRequest(action.ActionRequestId)!.Status);
        await host.Platform.CompleteActionAsync(action.ActionRequestId);
        RecordedActionUpdate update = await platform.WaitForActionUpdateAsync(action.ActionRequestId, ActionStatus.Completed);

        Assert.Equal(instance.Id, update.InstanceId);
        Assert.Equal(ActionStatus.Completed, platform.GetActionRequest(action.ActionRequestId)!.Status);
    }

    [Fact]
    public async Task WaitForActionUpdateAsync_Failed_CarriesTheError()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        host.Behavior.Action = _ => ValueTask.FromResult(ActionOutcome.Pending());
        ActionCallbackResponse action = await connector.SendActionAsync("thing-1", "lamp", "setOn", On);

        await host.Platform.FailActionAsync(action.ActionRequestId, "bulb broken");
        RecordedActionUpdate update = await platform.WaitForActionUpdateAsync(action.ActionRequestId);

        Assert.Equal(ActionStatus.Failed, update.Status);
        Assert.Equal("bulb broken", update.Error);
    }

    [Fact]
    public async Task WaitForInstanceStateAsync_BackgroundThingCreation_BecomesComplete()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform, connector: builder => builder.UseBackgroundThingCreation());

        SetupCallbackResponse instance = await host.Connect(platform).InstallAndInstantiateAsync();
        FakeInstance complete = await platform.WaitForInstanceStateAsync(instance.Id, LifecycleState.Complete);

        Assert.Equal(202, instance.StatusCode);
        Assert.Equal(LifecycleState.Complete, complete.State);
        Assert.Contains(platform.InstanceStateUpdates, update => update.Id == instance.Id && update.State == LifecycleState.Complete);
        Assert.Equal(2, platform.GetThings(instance.Id).Count);
    }

    [Fact]
    public async Task WaitForInstallationStateAsync_ReportedAfterOngoing_BecomesComplete()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        host.Behavior.Install = _ => ValueTask.FromResult(SetupOutcome.Ongoing(FurtherStep.RedirectTo(new Uri("https://consent.example.com/x"))));

        SetupCallbackResponse installation = await host.Connect(platform).InstallAsync();
        Assert.Equal(LifecycleState.Ongoing, installation.State);
        Assert.Equal(StepType.Redirect, installation.FurtherStep!.Type);
        Assert.Equal("https://consent.example.com/x", platform.GetInstallation(installation.Id)!.FurtherStep!.Content);
        await host.Platform.ReportInstallationStateAsync(installation.Id, LifecycleState.Complete);
        FakeInstallation complete = await platform.WaitForInstallationStateAsync(installation.Id, LifecycleState.Complete);

        Assert.Equal(LifecycleState.Complete, complete.State);
        Assert.Equal(installation.Id, Assert.Single(platform.InstallationStateUpdates).Id);
    }

    [Fact]
    public async Task WaitForThingStatusAsync_StatusSent_ReturnsThingWithIt()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        SetupCallbackResponse instance = await host.Connect(platform).InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);

        await host.Platform.UpdateThingStatusAsync(ThingReference.ById("thing-1"), ThingStatus.Unavailable);
        RecordedThing thing = await platform.WaitForThingStatusAsync("thing-1", ThingStatus.Unavailable);

        Assert.Equal(ThingStatus.Unavailable, thing.Thing.Status);
        Assert.Equal(ThingStatus.Unavailable, Assert.Single(platform.ThingStatusUpdates).Status);
    }

    [Fact]
    public async Task WaitForThingDeletedAsync_ConnectorDeletes_RecordsTheDeletion()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        SetupCallbackResponse instance = await host.Connect(platform).InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);

        await host.Platform.DeleteThingAsync(ThingReference.ById("thing-2"));
        RecordedThing deleted = await platform.WaitForThingDeletedAsync("thing-2");

        Assert.True(deleted.IsDeleted);
        Assert.Equal("thing-2", Assert.Single(platform.ThingDeletions).ThingId);
        Assert.Equal(["thing-1"], platform.GetThings(instance.Id).Select(thing => thing.ThingId));
        Assert.Equal(2, platform.Things.Count);
    }

    [Fact]
    public async Task RemoveInstanceAsync_Answered_DeletesThingsAndRefusesTheToken()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        string token = platform.GetInstance(instance.Id)!.Token;

        CallbackResponse removed = await connector.RemoveInstanceAsync(instance.Id);

        Assert.Equal(204, removed.StatusCode);
        Assert.True(platform.GetInstance(instance.Id)!.IsRemoved);
        Assert.Empty(platform.GetThings(instance.Id));
        Assert.Empty(platform.ThingDeletions);
        using HttpClient http = TestClients.Http();
        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TestClients.PlatformClient(platform, http).UpdateThingStatusAsync(new InstanceToken(token), "thing-1", ThingStatus.Available));
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task UninstallAsync_Answered_RemovesTheInstallationAndItsInstances()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        string installationId = platform.GetInstance(instance.Id)!.InstallationId;
        await platform.WaitForThingsAsync(instance.Id, 2);

        CallbackResponse uninstalled = await connector.UninstallAsync(installationId);

        Assert.Equal(204, uninstalled.StatusCode);
        Assert.True(platform.GetInstallation(installationId)!.IsRemoved);
        Assert.True(platform.GetInstance(instance.Id)!.IsRemoved);
        Assert.All(platform.Things, thing => Assert.True(thing.IsDeleted));
    }

    [Fact]
    public async Task CancelActionRequest_Pending_LaterUpdateRefusedWithConflict()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        host.Behavior.Action = _ => ValueTask.FromResult(ActionOutcome.Pending());
        ActionCallbackResponse action = await connector.SendActionAsync("thing-1", "lamp", "setOn", On);

        Assert.True(platform.CancelActionRequest(action.ActionRequestId));
        await host.Platform.CompleteActionAsync(action.ActionRequestId); // queued in the connector's outbox

        await platform.WaitUntilAsync(
            p => p.Requests.Any(request => request.Operation == PlatformOperation.UpdateActionRequest && request.StatusCode == 409),
            "the late action update refused with 409");
        RecordedRequest refused = platform.Requests.Single(request => request.Operation == PlatformOperation.UpdateActionRequest);
        Assert.Equal(FakePlatformErrorCodes.ActionRequestNotPending, refused.ErrorCode);
        Assert.Equal(ActionStatus.Canceled, platform.GetActionRequest(action.ActionRequestId)!.Status);
        Assert.False(platform.CancelActionRequest(action.ActionRequestId));
    }

    [Fact]
    public async Task WaitUntilAsync_ConditionBecomesTrue_Returns()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        Task wait = platform.WaitUntilAsync(p => p.Requests.Count(request => request.Operation == PlatformOperation.CreateThing) == 2, "two things");

        await host.Connect(platform).InstallAndInstantiateAsync();
        await wait;

        Assert.Equal(2, platform.Things.Count);
    }

    [Fact]
    public async Task WaitUntilAsync_NeverTrue_Throws()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();

        FakePlatformTimeoutException exception = await Assert.ThrowsAsync<FakePlatformTimeoutException>(
            () => platform.WaitUntilAsync(_ => false, "the impossible", TimeSpan.FromMilliseconds(100)));

        Assert.Equal("the impossible", exception.Expected);
    }

    [Fact]
    public async Task DisposeAsync_Twice_StopsTheApiOnce()
    {
        FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        Uri url = platform.PlatformUrl;

        await platform.DisposeAsync();
        await platform.DisposeAsync();

        using HttpClient http = TestClients.Http(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
    }

    [Fact]
    public async Task UseFakeConnctdPlatform_WebHost_SetsKeyAndPlatformUrl()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform, testServer: true);

        var options = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnctdConnectorOptions>>().Value;

        Assert.Equal(platform.PublicKeyBase64, options.PublicKey);
        Assert.Equal(platform.PlatformUrl, options.PlatformUrl);
    }
}
