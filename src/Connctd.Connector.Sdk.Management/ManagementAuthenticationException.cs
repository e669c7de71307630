namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// The login or token endpoint refused the credentials (wrong email or password, unknown client, wrong secret, a
/// scope not granted), or the API refused a fresh token. Trying again with the same credentials will not help.
/// </summary>
public class ManagementAuthenticationException : ManagementException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public ManagementAuthenticationException()
        : this("The credentials were refused.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    public ManagementAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public ManagementAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a refused token request or token.</summary>
    /// <param name="operation"><c>Login</c>, <c>ClientCredentials</c>, or the GraphQL field whose call was refused.</param>
    /// <param name="status">The HTTP status of the answer.</param>
    /// <param name="errorCode">The server's error code (for example <c>invalid_client</c>), or <see cref="ManagementErrorCodes.AuthenticationFailed"/>.</param>
    /// <param name="description">The server's description of the error.</param>
    /// <param name="requestId">The server's request id, when it sent one.</param>
    public ManagementAuthenticationException(string operation, int status, string? errorCode, string? description, string? requestId)
        : base(operation, status, errorCode, description, requestId, isTransient: false)
    {
    }
}
