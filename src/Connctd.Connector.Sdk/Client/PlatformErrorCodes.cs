namespace Connctd.Connector.Sdk.Client;

/// <summary>
/// The <see cref="ConnctdApiException.ErrorCode"/> values the client sets itself when no error body came back from the
/// platform. Errors the platform answers carry the platform's own code (for example <c>INSTANCE_NOT_FOUND</c>).
/// </summary>
public static class PlatformErrorCodes
{
    /// <summary>The call took longer than an attempt timeout or the total timeout. <see cref="ConnctdApiException.Status"/> is 0.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The connection to the platform failed or broke. <see cref="ConnctdApiException.Status"/> is 0.</summary>
    public const string ConnectionFailed = "CONNECTION_FAILED";

    /// <summary>The circuit breaker is open; the call was not sent. <see cref="ConnctdApiException.Status"/> is 0.</summary>
    public const string CircuitOpen = "CIRCUIT_OPEN";

    /// <summary>The client's own rate limiter refused the call (its queue was full); the call was not sent. <see cref="ConnctdApiException.Status"/> is 0.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The platform answered with a success status but a body the client could not read.</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";
}
