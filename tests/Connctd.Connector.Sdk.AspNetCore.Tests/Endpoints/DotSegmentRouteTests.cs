using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>
/// An id holding '%' is read from the raw target; dot segments there must be removed as Kestrel removed them when it
/// routed the request, or a trailing "/." or "/x/.." would make "." or "x" the id.
/// </summary>
public sealed class DotSegmentRouteTests : HostedTest
{
    [Theory]
    [InlineData("/connctd/installations/inst%25-X/.")]
    [InlineData("/connctd/installations/inst%25-X/x/..")]
    [InlineData("/connctd/installations/inst%25-X/%2E")]
    [InlineData("/connctd/installations/inst%25-X/.?q=1")]
    public async Task Uninstall_PercentIdFollowedByDotSegment_RemovesTheRoutedInstallation(string target)
    {
        await InstallAsync("inst%-X");
        await InstallAsync(".");
        await InstallAsync("x");

        RawResponse response = await Callbacks.SendRawAsync("DELETE", target);

        Assert.Equal(204, response.Status);
        Assert.Null(await Host.Store.GetInstallationAsync("inst%-X", CancellationToken.None));
        Assert.NotNull(await Host.Store.GetInstallationAsync(".", CancellationToken.None));
        Assert.NotNull(await Host.Store.GetInstallationAsync("x", CancellationToken.None));
        Assert.Equal(["uninstall:inst%-X"], Behavior.Calls.Where(call => call.StartsWith("uninstall:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RemoveInstance_PercentIdFollowedByDotSegment_RemovesTheRoutedInstance()
    {
        await InstallAndInstantiateAsync("inst-1", "i%-1", lamps: 1);

        RawResponse response = await Callbacks.SendRawAsync("DELETE", "/connctd/instances/i%25-1/.");

        Assert.Equal(204, response.Status);
        Assert.Null(await Host.Store.GetInstanceAsync("i%-1", CancellationToken.None));
    }

    private async Task InstallAsync(string id)
    {
        using HttpResponseMessage response = await Callbacks.InstallAsync(id);
        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }
}
