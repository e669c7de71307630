using Connctd.Connector.Sdk.Testing.Internal;

namespace Connctd.Connector.Sdk.Testing.Tests.Internal;

public sealed class PlatformRouteTests
{
    [Theory]
    [InlineData("POST", "connectorhub/callback/instances/things", PlatformOperation.CreateThing)]
    [InlineData("PUT", "connectorhub/callback/instances/things/t/components/c/properties/p", PlatformOperation.UpdateProperty)]
    [InlineData("POST", "connectorhub/callback/instances/things/t/components/c/properties/p", PlatformOperation.UpdateProperty)]
    [InlineData("PUT", "connectorhub/callback/instances/things/t/status", PlatformOperation.UpdateThingStatus)]
    [InlineData("DELETE", "connectorhub/callback/instances/things/t", PlatformOperation.DeleteThing)]
    [InlineData("PUT", "connectorhub/callback/instances/actions/requests/r", PlatformOperation.UpdateActionRequest)]
    [InlineData("POST", "connectorhub/callback/installations/state", PlatformOperation.UpdateInstallationState)]
    [InlineData("POST", "connectorhub/callback/instances/state", PlatformOperation.UpdateInstanceState)]
    public void Parse_ProtocolCall_IsThatOperation(string method, string path, PlatformOperation expected)
    {
        Assert.Equal(expected, PlatformRoute.Parse(method, path).Operation);
    }

    [Fact]
    public void Parse_EscapedIds_Unescaped()
    {
        PlatformRoute route = PlatformRoute.Parse("PUT", "connectorhub/callback/instances/things/a%2Fb/components/c%20d/properties/%2E%2E");

        Assert.Equal(("a/b", "c d", ".."), (route.ThingId, route.ComponentId, route.PropertyId));
    }

    [Theory]
    [InlineData("GET", "connectorhub/callback/instances/things", true)]
    [InlineData("DELETE", "connectorhub/callback/instances/things/t/status", true)]
    [InlineData("PUT", "connectorhub/callback/instances//status", false)]
    [InlineData("PUT", "connectorhub/callback/unknown", false)]
    [InlineData("PUT", "other/path", false)]
    public void Parse_NotAProtocolCall_Unknown(string method, string path, bool methodNotAllowed)
    {
        PlatformRoute route = PlatformRoute.Parse(method, path);

        Assert.Equal((PlatformOperation.Unknown, methodNotAllowed), (route.Operation, route.MethodNotAllowed));
    }
}
