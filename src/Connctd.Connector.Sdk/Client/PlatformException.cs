namespace Connctd.Connector.Sdk.Client;

/// <summary>
/// A call to the platform API failed: the platform answered with an error status, the call timed out, the
/// connection failed, or the client refused to send it (open circuit, full rate-limit queue). One type for every
/// platform failure, in the style of Azure's <c>RequestFailedException</c>: inspect <see cref="ConnctdApiException.Status"/>,
/// <see cref="ConnctdApiException.ErrorCode"/>, <see cref="ConnctdApiException.IsTransient"/> and <see cref="OutcomeUnknown"/> rather than the message.
/// The message and every property are free of tokens. Derives from <see cref="ConnctdApiException"/>, like the
/// management client's exception.
/// </summary>
public class PlatformException : ConnctdApiException
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
        : base("Platform call", operation, status, errorCode, description, requestId, isTransient, innerException)
    {
        OutcomeUnknown = outcomeUnknown;
        RetryAfter = retryAfter;
    }

    /// <summary>
    /// Whether the request may have reached the platform and taken effect although no answer came back (a timeout
    /// or a connection that broke after the request was sent). <see langword="false"/> when an answer arrived or the
    /// request certainly never left (connection refused, open circuit, rate limiter). Before repeating a call that
    /// is not harmless to repeat, such as creating a thing, check what exists on the platform.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>How long the platform asked to wait (its <c>Retry-After</c> header), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }
}
