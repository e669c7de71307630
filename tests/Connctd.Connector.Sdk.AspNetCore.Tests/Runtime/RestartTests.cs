using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>A host stopped and started again on the same SQLite file keeps everything, tokens included.</summary>
public sealed class RestartTests : HostedTest
{
    private const string InstallationToken = "install-token-kept-across-restart";
    private const string InstanceToken = "instance-token-kept-across-restart";

    [Fact]
    public async Task Restart_AfterLifecycle_KeepsInstallationsInstancesAndMappings()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 3, InstallationToken, InstanceToken);

        await RestartAsync();

        Installation installation = Assert.Single(await Host.ConnectorPlatform.GetInstallationsAsync());
        Assert.Equal("inst-1", installation.Id);
        Assert.Equal(LifecycleState.Complete, installation.State);
        Instance instance = Assert.Single(await Host.ConnectorPlatform.GetInstancesAsync("inst-1"));
        Assert.Equal("i-1", instance.Id);
        Assert.Equal(LifecycleState.Complete, instance.State);
        Assert.Equal("3", instance.Configuration["lamps"]);
        Assert.Equal(
            [("lamp-1", "thing-1"), ("lamp-2", "thing-2"), ("lamp-3", "thing-3")],
            (await Host.ConnectorPlatform.GetThingsAsync("i-1")).Order());
    }

    [Fact]
    public async Task Act_OnThingCreatedBeforeRestart_Answers204WithMapping()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 3, InstallationToken, InstanceToken);
        string? externalId = null;
        Behavior.Action = (context, _) =>
        {
            externalId = context.ExternalId;
            return ValueTask.FromResult(ActionOutcome.Completed());
        };

        await RestartAsync();
        using HttpResponseMessage response = await Callbacks.ActAsync("a-after", "thing-2");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.Equal("lamp-2", externalId);
    }

    [Fact]
    public async Task UpdateProperty_AfterRestart_SendsInstanceTokenFromBeforeRestart()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2, InstallationToken, InstanceToken);

        await RestartAsync();
        await Host.ConnectorPlatform.UpdatePropertyAsync(ThingReference.ByExternalId("i-1", "lamp-2"), "lamp", "on", "true");

        string path = FakePlatformApi.ThingsPath + "/thing-2/components/lamp/properties/on";
        await Eventually.UntilAsync(() => Platform.Requests("PUT", path).Count > 0, "the property update");
        ILogEntry update = Assert.Single(Platform.Requests("PUT", path));
        Assert.Equal(InstanceToken, FakePlatformApi.BearerToken(update));
        Assert.Equal("true", FakePlatformApi.BodyJson(update).GetProperty("value").GetString());
    }

    [Fact]
    public async Task ReportInstallationState_AfterRestart_SendsInstallationTokenFromBeforeRestart()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1, InstallationToken, InstanceToken);

        await RestartAsync();
        await Host.ConnectorPlatform.ReportInstallationStateAsync("inst-1", LifecycleState.Complete);

        await Eventually.UntilAsync(() => Platform.InstallationStateReports().Count > 0, "the installation state report");
        ILogEntry report = Assert.Single(Platform.InstallationStateReports());
        Assert.Equal(InstallationToken, FakePlatformApi.BearerToken(report));
        Assert.Equal(2, FakePlatformApi.BodyJson(report).GetProperty("state").GetInt32());
    }

    [Fact]
    public async Task CompleteAction_PendingBeforeRestart_SendsCompletedAfterRestart()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1, InstallationToken, InstanceToken);
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Pending());
        using HttpResponseMessage pending = await Callbacks.ActAsync("a-pending", "thing-1");
        await ProtocolAssert.StatusAsync(pending, HttpStatusCode.Accepted);

        await RestartAsync();
        await Host.ConnectorPlatform.CompleteActionAsync("a-pending");

        await Eventually.UntilAsync(() => Platform.ActionUpdates("a-pending").Count > 0, "the action update");
        ILogEntry update = Assert.Single(Platform.ActionUpdates("a-pending"));
        Assert.Equal(InstanceToken, FakePlatformApi.BearerToken(update));
        Assert.Equal("COMPLETED", FakePlatformApi.BodyJson(update).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RepeatedCallbacks_AfterRestart_AnswerAsRecordedWithoutHooks()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2, InstallationToken, InstanceToken);
        using HttpResponseMessage acted = await Callbacks.ActAsync("a-1", "thing-1");

        await RestartAsync();
        using HttpResponseMessage install = await Callbacks.InstallAsync("inst-1", InstallationToken);
        using HttpResponseMessage instantiate = await Callbacks.InstantiateAsync("i-1", "inst-1", InstanceToken, """[{"id":"lamps","value":"2"}]""");
        using HttpResponseMessage act = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.StatusAsync(install, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(instantiate, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(act, HttpStatusCode.NoContent);
        Assert.Equal(1, Behavior.CallCount("install:"));
        Assert.Equal(1, Behavior.CallCount("instantiate:"));
        Assert.Equal(1, Behavior.CallCount("action:"));
        Assert.Equal(2, Platform.ThingCreations().Count);
    }

    [Fact]
    public async Task FreshHost_SameDirectoryNewServiceProvider_DecryptsTokensOfOldHost()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1, InstallationToken, InstanceToken);
        IServiceProvider oldServices = Host.Services;
        await Host.StopAsync();

        await using ConnectorTestHost fresh = ConnectorTestHost.Create(Platform, Host.Signer, Host.Directory);
        await fresh.StartAsync();
        Assert.NotSame(oldServices, fresh.Services);
        await fresh.ConnectorPlatform.ReportInstallationStateAsync("inst-1", LifecycleState.Complete);
        await fresh.ConnectorPlatform.UpdateThingStatusAsync(ThingReference.ById("thing-1"), Things.ThingStatus.Unavailable);

        await Eventually.UntilAsync(() => Platform.InstallationStateReports().Count > 0, "the installation state report");
        Assert.Equal(InstallationToken, FakePlatformApi.BearerToken(Assert.Single(Platform.InstallationStateReports())));
        string statusPath = FakePlatformApi.ThingsPath + "/thing-1/status";
        await Eventually.UntilAsync(() => Platform.Requests("PUT", statusPath).Count > 0, "the thing status update");
        Assert.Equal(InstanceToken, FakePlatformApi.BearerToken(Assert.Single(Platform.Requests("PUT", statusPath))));
    }

    [Fact]
    public async Task KeyRing_ByDefault_IsKeptInTheStore()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1, InstallationToken, InstanceToken);

        KeyManagementOptions keyManagement = Host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        IKeyRingStore keyRing = Assert.IsAssignableFrom<IKeyRingStore>(Host.Store);

        Assert.NotNull(keyManagement.XmlRepository);
        Assert.Contains("Store", keyManagement.XmlRepository.GetType().Name, StringComparison.Ordinal);
        Assert.NotEmpty(keyRing.GetKeyElements());
        Assert.NotEmpty(keyManagement.XmlRepository.GetAllElements());
    }

    [Fact]
    public async Task FreshHost_OtherContentRootSameDatabase_DecryptsTokensOfOldHost()
    {
        // A new release directory or a container with another working directory, on the same database file.
        string database = Path.Combine(Path.GetTempPath(), "connctd-tests", Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using ConnectorTestHost first = ConnectorTestHost.Create(Platform);
            first.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Connctd:Sqlite:DatabasePath"] = database });
            await first.StartAsync();
            using (CallbackSender callbacks = first.Callbacks())
            {
                using HttpResponseMessage installed = await callbacks.InstallAsync("inst-1", InstallationToken);
                await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
            }

            await first.StopAsync();

            await using ConnectorTestHost second = ConnectorTestHost.Create(Platform, first.Signer);
            Assert.NotEqual(first.Directory, second.Directory);
            second.Configure = first.Configure;
            await second.StartAsync();
            await second.ConnectorPlatform.ReportInstallationStateAsync("inst-1", LifecycleState.Complete);

            await Eventually.UntilAsync(() => Platform.InstallationStateReports().Count > 0, "the installation state report");
            Assert.Equal(InstallationToken, FakePlatformApi.BearerToken(Assert.Single(Platform.InstallationStateReports())));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
