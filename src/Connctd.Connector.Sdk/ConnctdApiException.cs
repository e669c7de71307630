using System.Globalization;
using System.Text;

namespace Connctd.Connector.Sdk;

/// <summary>
/// A call to a connctd API failed: the platform API (<see cref="Client.PlatformException"/>) or the management API
/// (<c>ManagementException</c> in Connctd.Connector.Sdk.Management). Catch this type to handle both alike; inspect
/// <see cref="Status"/>, <see cref="ErrorCode"/> and <see cref="IsTransient"/> rather than the message. The message and
/// every property are free of tokens and passwords.
/// </summary>
public abstract class ConnctdApiException : Exception
{
    /// <summary>Creates an exception with the given message and cause and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    protected ConnctdApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = "";
    }

    /// <summary>Creates an exception describing a failed call, with a message built from the details.</summary>
    /// <param name="api">What was called, the start of the message: for example <c>Platform call</c>.</param>
    /// <param name="operation">The call, for example <c>CreateThing</c>.</param>
    /// <param name="status">The HTTP status of the answer, or 0 when no answer arrived.</param>
    /// <param name="errorCode">The error code, the server's or the client's own.</param>
    /// <param name="description">The server's description of the error.</param>
    /// <param name="requestId">The server's request id, when it sent one.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    protected ConnctdApiException(
        string api,
        string operation,
        int status,
        string? errorCode,
        string? description,
        string? requestId,
        bool isTransient,
        Exception? innerException)
        : base(BuildMessage(api, operation, status, errorCode, description, requestId), innerException)
    {
        Operation = operation ?? "";
        Status = status;
        ErrorCode = errorCode;
        Description = description;
        RequestId = requestId;
        IsTransient = isTransient;
    }

    /// <summary>The call that failed, for example <c>CreateThing</c> or <c>publishConnector</c>; empty when the exception was created with a message only.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status of the answer; 0 when no answer arrived (timeout, connection failure, a call the client refused to send).</summary>
    public int Status { get; }

    /// <summary>The server's error code from its error body, or one the client set when it failed on its own; <see langword="null"/> when neither says.</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's description of the error, when it gave one.</summary>
    public string? Description { get; }

    /// <summary>The server's request id, for support requests; <see langword="null"/> when it sent none.</summary>
    public string? RequestId { get; }

    /// <summary>Whether trying again later may succeed: 408, 429 and 5xx answers, timeouts and connection failures, among others.</summary>
    public bool IsTransient { get; }

    private static string BuildMessage(string api, string operation, int status, string? errorCode, string? description, string? requestId)
    {
        var message = new StringBuilder(api).Append(' ').Append(operation).Append(" failed: ");
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
