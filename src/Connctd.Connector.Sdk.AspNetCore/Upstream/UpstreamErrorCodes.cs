namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The <see cref="UpstreamApiException.ErrorCode"/> values of failures where the upstream API gave no usable answer.
/// The first four are the same strings as the platform client's codes.
/// </summary>
public static class UpstreamErrorCodes
{
    /// <summary>The API did not answer in time (attempt or total timeout).</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The connection to the API failed.</summary>
    public const string ConnectionFailed = "CONNECTION_FAILED";

    /// <summary>The circuit breaker is open after repeated failures; the call was not sent.</summary>
    public const string CircuitOpen = "CIRCUIT_OPEN";

    /// <summary>The client's rate-limit queue is full; the call was not sent.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The API answered with a status that is not a success (see <see cref="UpstreamApiException.Status"/>).</summary>
    public const string HttpError = "HTTP_ERROR";

    /// <summary>The API answered with a body that could not be read as expected.</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";

    /// <summary>The configuration values hold no credentials for the API's authentication kind.</summary>
    public const string MissingCredentials = "MISSING_CREDENTIALS";

    /// <summary>The OAuth2 token endpoint refused the client credentials or could not be reached.</summary>
    public const string AuthenticationFailed = "AUTHENTICATION_FAILED";
}
