using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.Durability.Tests.Callbacks;

/// <summary>
/// The platform repeats a callback (its first attempt timed out) and the repeat reaches another replica while the
/// first replica is still running the author's hook. On PostgreSQL the store's callback lock makes the repeat wait for
/// the first and answer what it recorded: the hook runs once.
/// </summary>
public sealed class RepeatedCallbackReplicaTests() : DurabilityTestBase(StoreKind.PostgreSql)
{
    [Fact]
    public async Task Install_SameIdOnTwoReplicasAtOnce_HookRunsOnceBothAnswerCreated()
    {
        ConnectorHost first = await StartHostAsync();
        ConnectorHost second = await StartHostAsync();
        string installationId = "installation-" + Guid.NewGuid().ToString("N");
        var configuration = new Dictionary<string, string> { [DeviceConnector.InstallDelayParameter] = "1500" };

        Task<SetupCallbackResponse> onFirst = Platform.ConnectTo(first.BaseAddress, DurabilityApp.CallbackPath).InstallAsync(configuration, installationId);
        await EventuallyAsync(() => Task.FromResult(DeviceConnector.InstallHookRuns(installationId) == 1), () => "the hook running on the first replica");
        SetupCallbackResponse onSecond = await Platform.ConnectTo(second.BaseAddress, DurabilityApp.CallbackPath).InstallAsync(configuration, installationId);

        Assert.Equal((201, LifecycleState.Complete), (onSecond.StatusCode, onSecond.State));
        Assert.Equal(201, (await onFirst).StatusCode);
        Assert.Equal(1, DeviceConnector.InstallHookRuns(installationId));
    }
}
