namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The error codes of the protocol's error body, as the Go SDK uses them, and the ones this SDK adds.</summary>
public static class ErrorCodes
{
    /// <summary>The request's content type is not <c>application/json</c> (415).</summary>
    public const string BadContentType = "BAD_CONTENT_TYPE";

    /// <summary>The instance id is missing from the path (400).</summary>
    public const string MissingInstanceId = "MISSING_INSTANCE_ID";

    /// <summary>The installation id is missing from the path (400).</summary>
    public const string MissingInstallationId = "MISSING_INSTALLATION_ID";

    /// <summary>The body is not the expected JSON (wrong types, missing required fields, empty) (400).</summary>
    public const string BadRequestBody = "BAD_REQUEST_BODY";

    /// <summary>The body is not JSON at all (400).</summary>
    public const string InvalidJsonBody = "INVALID_JSON_BODY";

    /// <summary>The installation is not known (404).</summary>
    public const string InstallationNotFound = "INSTALLATION_NOT_FOUND";

    /// <summary>The instance is not known (404).</summary>
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";

    /// <summary>The request is not allowed (403).</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The request is not authorized (401).</summary>
    public const string NotAuthorized = "NOT_AUTHORIZED";

    /// <summary>The connector failed internally (500). The description never carries exception text.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>No thing with the given id belongs to this connector (400 for actions).</summary>
    public const string MappingNotFound = "MAPPING_NOT_FOUND";

    /// <summary>A required header (<c>Date</c>, <c>Signature</c>) is missing (400).</summary>
    public const string MissingHeader = "MISSING_HEADER";

    /// <summary>The signature is malformed or does not match (400).</summary>
    public const string BadSignature = "BAD_SIGNATURE";

    /// <summary>The <c>Date</c> header lies outside the allowed clock-skew window, or is not an HTTP-date (400). Added by this SDK.</summary>
    public const string StaleRequest = "STALE_REQUEST";

    /// <summary>
    /// A lifecycle callback older than, or superseded by, one the connector accepted for the same installation or
    /// instance, or a creation signed in the second its subject was removed: a replay (409). Added by this SDK.
    /// </summary>
    public const string ReplayedCallback = "REPLAYED_CALLBACK";

    /// <summary>Signing a request failed (400).</summary>
    public const string SigningFailed = "SIGNING_FAILED";

    /// <summary>The body is valid JSON but its content is invalid (400).</summary>
    public const string InvalidBody = "INVALID_BODY";

    /// <summary>The body is larger than the configured limit (413). Added by this SDK.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>No callback answers this path and method (404 / 405). Added by this SDK.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The path exists but not for this method (405). Added by this SDK.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>Creating the instance's things on the platform failed (502). Added by this SDK.</summary>
    public const string ThingCreationFailed = "THING_CREATION_FAILED";

    /// <summary>
    /// The request could not be read as HTTP (400): a malformed chunked body (a chunk size that is not hexadecimal or
    /// too long), a body shorter than its <c>Content-Length</c>, or another framing error the server reports. Added by
    /// this SDK. The connection is closed after the answer.
    /// </summary>
    public const string MalformedRequest = "MALFORMED_REQUEST";

    /// <summary>The request body arrived slower than the server's minimum data rate, or not at all (408). Added by this SDK.</summary>
    public const string RequestTimeout = "REQUEST_TIMEOUT";

    /// <summary>
    /// An id in the body or the path (installation, instance, action request, thing, component or action id) is longer
    /// than 256 characters, or contains a control character, a bidi control or a line or paragraph separator (400).
    /// Added by this SDK.
    /// </summary>
    public const string InvalidId = "INVALID_ID";
}
