using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>
/// Callbacks captured and sent again inside their Date window: what a later callback removed or re-tokened stays so;
/// the platform's own repeat of the last callback still gets the recorded answer.
/// </summary>
public sealed class ReplayTests : HostedTest
{
    private const string Lamps = """[{"id":"lamps","value":"1"}]""";

    // Whole seconds, as HTTP-dates carry them, so that "the same second" is exact in every test.
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Install_ReplayedAfterUninstall_Answers409AndStoresNothing(int secondsToUninstall)
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", "dead-token", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.UninstallAsync("inst-1", T0.AddSeconds(secondsToUninstall)), HttpStatusCode.NoContent);

        using HttpResponseMessage replay = await Callbacks.InstallAsync("inst-1", "dead-token", date: T0);

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
        Assert.Equal(1, Behavior.CallCount("install:"));
    }

    [Fact]
    public async Task Install_NewCallbackAfterUninstall_InstallsAgain()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.UninstallAsync("inst-1", T0.AddSeconds(1)), HttpStatusCode.NoContent);

        // The same id installed again by the platform: a callback signed after the removal.
        using HttpResponseMessage again = await Callbacks.InstallAsync("inst-1", "new-token", date: T0.AddSeconds(2));

        await ProtocolAssert.StatusAsync(again, HttpStatusCode.Created);
        Assert.NotNull(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Install_ExactRepeatOfTheLastCallback_AnswersAsRecorded()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);

        using HttpResponseMessage repeat = await Callbacks.InstallAsync("inst-1", date: T0);

        await ProtocolAssert.StatusAsync(repeat, HttpStatusCode.Created);
        Assert.Equal(1, Behavior.CallCount("install:"));
    }

    [Fact]
    public async Task Uninstall_ReplayedAfterReinstallation_Answers409AndKeepsTheInstallation()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.UninstallAsync("inst-1", T0.AddSeconds(1)), HttpStatusCode.NoContent);
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", "new-token", date: T0.AddSeconds(2)), HttpStatusCode.Created);

        using HttpResponseMessage replay = await Callbacks.UninstallAsync("inst-1", T0.AddSeconds(1));

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        Assert.NotNull(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Instantiate_ReplayedAfterRemoval_Answers409AndCreatesNoSecondThing()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.InstantiateAsync("i-1", "inst-1", "dead-token", Lamps, T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.RemoveInstanceAsync("i-1", T0), HttpStatusCode.NoContent);

        using HttpResponseMessage replay = await Callbacks.InstantiateAsync("i-1", "inst-1", "dead-token", Lamps, T0);

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        Assert.Single(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_ReplayedAfterItsInstallationWasUninstalledAndInstalledAgain_Answers409()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.InstantiateAsync("i-1", "inst-1", "dead-token", Lamps, T0.AddSeconds(1)), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.UninstallAsync("inst-1", T0.AddSeconds(2)), HttpStatusCode.NoContent);
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", "new-token", date: T0.AddSeconds(3)), HttpStatusCode.Created);

        // The instance went with its installation: its instantiation, sent again, must not bring it back.
        using HttpResponseMessage replay = await Callbacks.InstantiateAsync("i-1", "inst-1", "dead-token", Lamps, T0.AddSeconds(1));

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        Assert.Single(Platform.ThingCreations());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Instantiate_OlderCallbackReplayedAfterTokenRotation_Answers409AndKeepsTheNewToken(int secondsToRotation)
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.InstantiateAsync("i-1", "inst-1", "old-token", Lamps, T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.InstantiateAsync("i-1", "inst-1", "new-token", Lamps, T0.AddSeconds(secondsToRotation)), HttpStatusCode.Created);

        using HttpResponseMessage replay = await Callbacks.InstantiateAsync("i-1", "inst-1", "old-token", Lamps, T0);

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        await Host.ConnectorPlatform.UpdatePropertyAsync(ThingReference.ByExternalId("i-1", "lamp-1"), "lamp", "on", "true");
        WireMock.Logging.ILogEntry update = await Eventually.ValueAsync(
            () => Task.FromResult(Platform.Requests("PUT", FakePlatformApi.ThingsPath + "/") is [var first, ..] ? first : null), "the property update");
        Assert.Equal("new-token", FakePlatformApi.BearerToken(update));
    }

    [Fact]
    public async Task RemoveInstance_ReplayedAfterInstantiatingAgain_Answers409AndKeepsTheInstance()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.InstantiateAsync("i-1", "inst-1", configuration: Lamps, date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.RemoveInstanceAsync("i-1", T0.AddSeconds(1)), HttpStatusCode.NoContent);
        await ProtocolAssert.StatusAsync(await Callbacks.InstantiateAsync("i-1", "inst-1", "new-token", Lamps, T0.AddSeconds(2)), HttpStatusCode.Created);

        using HttpResponseMessage replay = await Callbacks.RemoveInstanceAsync("i-1", T0.AddSeconds(1));

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        Assert.NotNull(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
    }

    [Fact]
    public async Task Replay_RefusedOnAnotherProcessOnTheSameStore()
    {
        await ProtocolAssert.StatusAsync(await Callbacks.InstallAsync("inst-1", "dead-token", date: T0), HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(await Callbacks.UninstallAsync("inst-1", T0.AddSeconds(1)), HttpStatusCode.NoContent);
        await RestartAsync();

        using HttpResponseMessage replay = await Callbacks.InstallAsync("inst-1", "dead-token", date: T0);

        await ProtocolAssert.ErrorAsync(replay, HttpStatusCode.Conflict, "REPLAYED_CALLBACK");
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }
}
