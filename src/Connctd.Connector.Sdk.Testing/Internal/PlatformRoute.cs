namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>Which platform API call a method and path (below <c>/api/v1/</c>) are, with the ids in the path unescaped.</summary>
internal sealed record PlatformRoute(
    PlatformOperation Operation,
    bool MethodNotAllowed = false,
    string? ThingId = null,
    string? ComponentId = null,
    string? PropertyId = null,
    string? ActionRequestId = null)
{
    private const string Prefix = "connectorhub/callback/";

    public static PlatformRoute Parse(string method, string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new PlatformRoute(PlatformOperation.Unknown);
        }

        string[] parts = path[Prefix.Length..].Split('/');
        if (parts.Any(part => part.Length == 0))
        {
            return new PlatformRoute(PlatformOperation.Unknown);
        }

        string[] s;
        try
        {
            s = parts.Select(Uri.UnescapeDataString).ToArray();
        }
        catch (UriFormatException)
        {
            return new PlatformRoute(PlatformOperation.Unknown);
        }

        return s switch
        {
            ["instances", "things"] => Expect(method, PlatformOperation.CreateThing, "POST"),
            ["instances", "things", var thing, "status"] => Expect(method, PlatformOperation.UpdateThingStatus, "PUT") with { ThingId = thing },
            ["instances", "things", var thing, "components", var component, "properties", var property] =>
                (method is "PUT" or "POST" ? new PlatformRoute(PlatformOperation.UpdateProperty) : new PlatformRoute(PlatformOperation.Unknown, MethodNotAllowed: true))
                with { ThingId = thing, ComponentId = component, PropertyId = property },
            ["instances", "things", var thing] => Expect(method, PlatformOperation.DeleteThing, "DELETE") with { ThingId = thing },
            ["instances", "actions", "requests", var request] => Expect(method, PlatformOperation.UpdateActionRequest, "PUT") with { ActionRequestId = request },
            ["installations", "state"] => Expect(method, PlatformOperation.UpdateInstallationState, "POST"),
            ["instances", "state"] => Expect(method, PlatformOperation.UpdateInstanceState, "POST"),
            _ => new PlatformRoute(PlatformOperation.Unknown),
        };
    }

    private static PlatformRoute Expect(string method, PlatformOperation operation, string expected) =>
        method == expected ? new PlatformRoute(operation) : new PlatformRoute(PlatformOperation.Unknown, MethodNotAllowed: true);
}
