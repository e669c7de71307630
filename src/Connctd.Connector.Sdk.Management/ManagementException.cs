namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// A management API call failed: the API or a token endpoint answered with an error status or with GraphQL errors,
/// the call timed out, the connection failed, or the answer could not be read. Inspect <see cref="ConnctdApiException.Status"/>,
/// <see cref="ConnctdApiException.ErrorCode"/> and <see cref="ConnctdApiException.IsTransient"/> rather than the message. The message and every property are
/// free of tokens and passwords.
/// </summary>
/// <remarks>
/// Subtypes: <see cref="ManagementGraphQLException"/> when the API answered GraphQL errors (with their messages and
/// paths), <see cref="ManagementAuthenticationException"/> when credentials or a token were refused.
/// </remarks>
public class ManagementException : ConnctdApiException
{
    /// <summary>Creates an exception with a generic message; prefer the constructor that takes the details.</summary>
    public ManagementException()
        : this("A management API call failed.")
    {
    }

    /// <summary>Creates an exception with the given message and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    public ManagementException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public ManagementException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a failed call.</summary>
    /// <param name="operation">The call, for example <c>publishConnector</c> or <c>Login</c>.</param>
    /// <param name="status">The HTTP status of the answer, or 0 when no answer arrived.</param>
    /// <param name="errorCode">The error code: the server's, or one of <see cref="ManagementErrorCodes"/>.</param>
    /// <param name="description">The server's description of the error.</param>
    /// <param name="requestId">The server's request id, when it sent one.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public ManagementException(
        string operation,
        int status,
        string? errorCode,
        string? description,
        string? requestId,
        bool isTransient,
        Exception? innerException = null)
        : base("Management call", operation, status, errorCode, description, requestId, isTransient, innerException)
    {
    }
}
