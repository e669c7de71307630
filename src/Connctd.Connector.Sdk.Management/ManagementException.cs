using System.Globalization;
using System.Text;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// A management API call failed: the API or a token endpoint answered with an error status or with GraphQL errors,
/// the call timed out, the connection failed, or the answer could not be read. Inspect <see cref="Status"/>,
/// <see cref="ErrorCode"/> and <see cref="IsTransient"/> rather than the message. The message and every property are
/// free of tokens and passwords.
/// </summary>
/// <remarks>
/// Subtypes: <see cref="ManagementGraphQLException"/> when the API answered GraphQL errors (with their messages and
/// paths), <see cref="ManagementAuthenticationException"/> when credentials or a token were refused.
/// </remarks>
public class ManagementException : Exception
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
        Operation = "";
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
        : base(BuildMessage(operation, status, errorCode, description, requestId), innerException)
    {
        Operation = operation ?? "";
        Status = status;
        ErrorCode = errorCode;
        Description = description;
        RequestId = requestId;
        IsTransient = isTransient;
    }

    /// <summary>The call that failed: a GraphQL field such as <c>publishConnector</c>, or <c>Login</c> / <c>ClientCredentials</c> for token requests.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status of the answer; 0 when no answer arrived (timeout, connection failure).</summary>
    public int Status { get; }

    /// <summary>The server's error code (for example <c>invalid_client</c>), or one of <see cref="ManagementErrorCodes"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's description of the error, when it gave one.</summary>
    public string? Description { get; }

    /// <summary>The server's request id, for support requests, when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>Whether trying again later may succeed: 408, 429 and 5xx answers, timeouts and connection failures.</summary>
    public bool IsTransient { get; }

    private static string BuildMessage(string operation, int status, string? errorCode, string? description, string? requestId)
    {
        var message = new StringBuilder("Management call ").Append(operation).Append(" failed: ");
        message.Append(status == 0 ? "no answer" : "status " + status.ToString(CultureInfo.InvariantCulture));
        if (errorCode is not null)
        {
            message.Append(", error ").Append(errorCode);
        }

        if (!string.IsNullOrEmpty(description))
        {
            message.Append(", \"").Append(description).Append('"');
        }

        if (requestId is not null)
        {
            message.Append(", request id ").Append(requestId);
        }

        return message.Append('.').ToString();
    }
}
