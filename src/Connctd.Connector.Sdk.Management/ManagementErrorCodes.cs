namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// The <see cref="ConnctdApiException.ErrorCode"/> values the client sets itself. Errors the platform answers with a
/// code of its own carry that code instead.
/// </summary>
public static class ManagementErrorCodes
{
    /// <summary>The call took longer than the timeout. <see cref="ConnctdApiException.Status"/> is 0.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The connection failed or broke. <see cref="ConnctdApiException.Status"/> is 0.</summary>
    public const string ConnectionFailed = "CONNECTION_FAILED";

    /// <summary>The answer could not be read (not JSON, or without the expected data).</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";

    /// <summary>The API answered with GraphQL errors (<see cref="ManagementGraphQLException.Errors"/>).</summary>
    public const string GraphQLError = "GRAPHQL_ERROR";

    /// <summary>The login or token endpoint refused the credentials, or the API refused the token.</summary>
    public const string AuthenticationFailed = "AUTHENTICATION_FAILED";

    /// <summary>The API answered with an error status and no readable error code.</summary>
    public const string HttpError = "HTTP_ERROR";
}
