namespace Connctd.Connector.Sdk.Testing;

/// <summary>Which fault, if any, the fake platform injected into a request (see <see cref="PlatformFaults"/>).</summary>
public enum PlatformFaultKind
{
    /// <summary>No fault: the request was handled normally (latency may still have been added).</summary>
    None = 0,

    /// <summary>Answered with an error status (503 by default) instead of being handled.</summary>
    ErrorStatus,

    /// <summary>Answered <c>429 Too Many Requests</c> with a <c>Retry-After</c> header.</summary>
    RateLimited,

    /// <summary>The connection was dropped without an answer.</summary>
    ConnectionDropped,
}
