using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>The refusals the edge answers before the runtime, shared by <c>MapConnctdConnector</c> and <see cref="ConnctdCallbackHandler"/>.</summary>
internal static class CallbackRefusals
{
    public static CallbackResult NotFound() =>
        CallbackResult.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No callback is served at this path.");

    public static CallbackResult MethodNotAllowed(string allowed) =>
        CallbackResult.Error(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, $"Only {allowed} is answered at this path.") with { Allow = allowed };

    public static CallbackResult MissingInstallationId() =>
        CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MissingInstallationId, "The installation id is missing from the path.");

    public static CallbackResult MissingInstanceId() =>
        CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MissingInstanceId, "The instance id is missing from the path.");

    public static CallbackResult TooLarge() =>
        CallbackResult.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "The request body is larger than the connector accepts.");

    /// <summary>A body the server could not read, by the status the server gave (408, 413, otherwise 400).</summary>
    public static CallbackResult Unreadable(int statusCode) => statusCode switch
    {
        StatusCodes.Status408RequestTimeout =>
            CallbackResult.Error(StatusCodes.Status408RequestTimeout, ErrorCodes.RequestTimeout, "The request body did not arrive in time."),
        StatusCodes.Status413PayloadTooLarge =>
            CallbackResult.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "The request body is larger than the server accepts."),
        _ => CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "The request could not be read: its framing is malformed or its body is incomplete."),
    };

    /// <summary>Refuses an id the rules of <see cref="CallbackIdRules"/> do not allow; the answer names the id's role, never the id.</summary>
    public static CallbackResult? InvalidId(string name, string? id) => CallbackIdRules.Problem(id) is { } problem
        ? CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidId, $"The {name} {problem}.")
        : null;

    public static CallbackResult Signature(SignatureVerificationResult verification) => verification switch
    {
        SignatureVerificationResult.MissingSignature =>
            CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MissingHeader, "The Signature header is missing."),
        SignatureVerificationResult.MissingDate =>
            CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MissingHeader, "The Date header is missing."),
        SignatureVerificationResult.StaleDate or SignatureVerificationResult.MalformedDate =>
            CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.StaleRequest, "The Date header is not a current HTTP-date."),
        _ => CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadSignature, "Signature seems to be invalid"),
    };
}
