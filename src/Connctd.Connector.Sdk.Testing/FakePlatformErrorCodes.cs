namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// The error codes the fake platform answers with, besides the protocol's own (<c>NOT_AUTHORIZED</c>, <c>FORBIDDEN</c>,
/// <c>INVALID_JSON_BODY</c>, <c>BAD_REQUEST_BODY</c>, <c>BAD_CONTENT_TYPE</c>, <c>NOT_FOUND</c>, <c>METHOD_NOT_ALLOWED</c>).
/// Every error body also carries a <c>requestId</c>.
/// </summary>
public static class FakePlatformErrorCodes
{
    /// <summary>The thing does not exist, was deleted, or belongs to another instance (404).</summary>
    public const string ThingNotFound = "THING_NOT_FOUND";

    /// <summary>The thing has no such component or property (404).</summary>
    public const string PropertyNotFound = "PROPERTY_NOT_FOUND";

    /// <summary>The platform never sent this action request, or sent it for another instance's thing (404).</summary>
    public const string ActionRequestNotFound = "ACTION_REQUEST_NOT_FOUND";

    /// <summary>The action request is no longer pending (it was completed, failed or canceled), so it cannot change (409).</summary>
    public const string ActionRequestNotPending = "ACTION_REQUEST_NOT_PENDING";

    /// <summary>The thing is invalid, or a value does not fit its property's type, or a status or state may not be reported (400).</summary>
    public const string InvalidBody = "INVALID_BODY";

    /// <summary>An injected error status (503 by default): the platform is unavailable (see <see cref="PlatformFaults"/>).</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>An injected error status other than 503 (see <see cref="PlatformFaults.FailNext"/>).</summary>
    public const string InjectedFault = "INJECTED_FAULT";

    /// <summary>An injected <c>429</c> with <c>Retry-After</c> (see <see cref="PlatformFaults"/>).</summary>
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
}
