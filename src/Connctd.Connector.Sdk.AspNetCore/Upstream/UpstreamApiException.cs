using System.Globalization;
using System.Text;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// A call to an upstream API failed: it answered with an error status (<see cref="UpstreamApiClient.GetFromJsonAsync{T}"/>),
/// timed out, the connection failed, the client refused to send it (open circuit, full rate-limit queue), or the
/// credentials were missing or refused by the token endpoint. Inspect <see cref="ErrorCode"/>, <see cref="Status"/>
/// and <see cref="IsTransient"/> rather than the message. The message and every property are free of credentials and
/// request addresses.
/// </summary>
public class UpstreamApiException : Exception
{
    /// <summary>Creates an exception with a generic message; prefer the constructor that takes the details.</summary>
    public UpstreamApiException()
        : this("An upstream API call failed.")
    {
    }

    /// <summary>Creates an exception with the given message and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    public UpstreamApiException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause and no details.</summary>
    /// <param name="message">The message; must not contain secrets.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public UpstreamApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ApiName = "";
        ErrorCode = UpstreamErrorCodes.HttpError;
    }

    /// <summary>Creates an exception describing a failed call.</summary>
    /// <param name="apiName">The upstream API's registered name, for example <c>weather</c>.</param>
    /// <param name="status">The HTTP status the API answered, or 0 when no answer arrived.</param>
    /// <param name="errorCode">One of <see cref="UpstreamErrorCodes"/>.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="retryAfter">How long the API asked to wait, when it said so.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public UpstreamApiException(
        string apiName, int status, string errorCode, bool isTransient, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(BuildMessage(apiName, status, errorCode), innerException)
    {
        ApiName = apiName ?? "";
        Status = status;
        ErrorCode = errorCode ?? UpstreamErrorCodes.HttpError;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The upstream API's registered name.</summary>
    public string ApiName { get; }

    /// <summary>The HTTP status the API (or its token endpoint) answered; 0 when no answer arrived.</summary>
    public int Status { get; }

    /// <summary>What went wrong: one of <see cref="UpstreamErrorCodes"/>.</summary>
    public string ErrorCode { get; }

    /// <summary>Whether trying again later may succeed: 408, 429 and 5xx answers, timeouts, connection failures, an open circuit, a full rate-limit queue.</summary>
    public bool IsTransient { get; }

    /// <summary>How long the API asked to wait (its <c>Retry-After</c> header), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string BuildMessage(string apiName, int status, string errorCode)
    {
        var message = new StringBuilder("Upstream API '").Append(apiName).Append("' call failed: ").Append(errorCode);
        if (status != 0)
        {
            message.Append(", status ").Append(status.ToString(CultureInfo.InvariantCulture));
        }

        return message.Append('.').ToString();
    }
}
