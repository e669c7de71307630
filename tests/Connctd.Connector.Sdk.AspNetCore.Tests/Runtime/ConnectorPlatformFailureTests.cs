using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>Every refusal of <see cref="IConnectorPlatform"/> is a <see cref="ConnectorPlatformException"/>, and nothing is queued.</summary>
public sealed class ConnectorPlatformFailureTests : HostedTest
{
    public static TheoryData<string> UnknownTargets => new() { "installation", "instance", "action request", "thing" };

    [Theory]
    [MemberData(nameof(UnknownTargets))]
    public async Task Call_UnknownTarget_ThrowsConnectorPlatformExceptionAndQueuesNothing(string target)
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        long queuedBefore = (await Host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth;
        IConnectorPlatform platform = Host.ConnectorPlatform;

        Task call = target switch
        {
            "installation" => platform.ReportInstallationStateAsync("never-installed", LifecycleState.Complete),
            "instance" => platform.ReportInstanceStateAsync("never-instantiated", LifecycleState.Complete),
            "action request" => platform.FailActionAsync("never-requested", "no"),
            _ => platform.UpdatePropertyAsync(ThingReference.ByExternalId("i-1", "no-such-lamp"), "lamp", "on", "true"),
        };
        ConnectorPlatformException failure = await Assert.ThrowsAnyAsync<ConnectorPlatformException>(() => call);

        if (target == "thing")
        {
            Assert.IsType<ThingNotFoundException>(failure);
        }
        else
        {
            RecordNotFoundException notFound = Assert.IsType<RecordNotFoundException>(failure);
            Assert.Equal(target, notFound.RecordKind);
            Assert.StartsWith("never-", notFound.Id, StringComparison.Ordinal);
        }

        // The worker may deliver meanwhile, never queue more.
        Assert.True((await Host.Store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth <= queuedBefore);
    }
}
