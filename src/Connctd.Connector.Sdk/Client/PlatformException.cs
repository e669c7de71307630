using System.Globalization;
using System.Text;

namespace Connctd.Connector.Sdk.Client;

/// <summary>
/// A call to the platform API failed: the platform answered with an error status, the call timed out, the
/// connection failed, or the client refused to send it (open circuit, full rate-limit queue). One type for every
/// platform failure, in the style of Azure's <c>RequestFailedException</c>: inspect <see cref="Status"/>,
/// <see cref="ErrorCode"/>, <see cref="IsTransient"/> and <see cref="OutcomeUnknown"/> rather than the message.
/// The message and every property are free of tokens.
/// </summary>
public class PlatformException : Exception
{
    /// <summary>Creates an exception with a generic message; prefer the constructor that takes the details.</summary>
    public PlatformException()
        : this("A platform call failed.")
    {
    }

    /// <summary>Creates an exception with the given message and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    public PlatformException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public PlatformException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = "";
    }

    /// <summary>Creates an exception describing a failed platform call.</summary>
    /// <param name="operation">The call, for example <c>CreateThing</c>.</param>
    /// <param name="status">The HTTP status the platform answered, or 0 when no answer arrived.</param>
    /// <param name="errorCode">The platform's error code, or one of <see cref="PlatformErrorCodes"/>.</param>
    /// <param name="description">The platform's description of the error.</param>
    /// <param name="requestId">The platform's request id.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="outcomeUnknown">Whether the request may have taken effect on the platform although no answer came back.</param>
    /// <param name="retryAfter">How long the platform asked to wait before trying again, when it said so.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public PlatformException(
        string operation,
        int status,
        string? errorCode,
        string? description,
        string? requestId,
        bool isTransient,
        bool outcomeUnknown,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(BuildMessage(operation, status, errorCode, description, requestId), innerException)
    {
        Operation = operation ?? "";
        Status = status;
        ErrorCode = errorCode;
        Description = description;
        RequestId = requestId;
        IsTransient = isTransient;
        OutcomeUnknown = outcomeUnknown;
        RetryAfter = retryAfter;
    }

    /// <summary>The call that failed, for example <c>CreateThing</c> or <c>UpdatePropertyValue</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status the platform answered; 0 when no answer arrived (timeout, connection failure, open circuit, rate limiter).</summary>
    public int Status { get; }

    /// <summary>
    /// The platform's error code from the error body (for example <c>INSTANCE_NOT_FOUND</c>), one of
    /// <see cref="PlatformErrorCodes"/> when the client failed on its own, or <see langword="null"/> when the
    /// platform answered an error without a readable body.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>The platform's description of the error, when its error body had one.</summary>
    public string? Description { get; }

    /// <summary>The platform's request id, for support requests; <see langword="null"/> when the platform sent none.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// Whether trying again later may succeed: 408, 429 and 5xx answers, timeouts, connection failures, an open
    /// circuit and a full rate-limit queue.
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>
    /// Whether the request may have reached the platform and taken effect although no answer came back (a timeout
    /// or a connection that broke after the request was sent). <see langword="false"/> when an answer arrived or the
    /// request certainly never left (connection refused, open circuit, rate limiter). Before repeating a call that
    /// is not harmless to repeat, such as creating a thing, check what exists on the platform.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>How long the platform asked to wait (its <c>Retry-After</c> header), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string BuildMessage(string operation, int status, string? errorCode, string? description, string? requestId)
    {
        var message = new StringBuilder("Platform call ").Append(operation).Append(" failed: ");
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
