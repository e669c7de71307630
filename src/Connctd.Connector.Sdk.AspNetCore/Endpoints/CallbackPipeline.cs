using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.AspNetCore.Verification;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>
/// Handles one callback: body within the size limit (413), signature over the raw target and raw body (400), content
/// type (415), strict JSON (400), then the runtime. Every refusal is an error body in the protocol's format; no
/// exception text ever leaves the process.
/// </summary>
internal sealed class CallbackPipeline(
    CallbackVerifier verifier,
    ConnectorRuntime runtime,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    ConnctdMetrics metrics,
    ILogger<CallbackPipeline> logger)
{
    public async Task HandleAsync(HttpContext context, CallbackKind kind)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        string kindName = KindName(kind);
        using System.Diagnostics.Activity? activity = ConnctdMetrics.StartCallback(kindName);
        CallbackResult result;
        byte[]? body;
        try
        {
            body = await RequestBodyReader.ReadAsync(context.Request, options.CurrentValue.MaxRequestBodySize, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.RequestBodyBroken(logger, context.Request.Method, context.Request.Path, "the client closed the connection");
            return;
        }
        catch (IOException exception) when (exception is BadHttpRequestException || IsFramingError(exception, cancellationToken))
        {
            // Kestrel's verdict on the framing (a bad chunk size, a body shorter than its Content-Length, a body slower
            // than the minimum data rate): the client's fault, answered with Kestrel's status; Kestrel closes the connection.
            result = Unreadable(exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
            Log.RequestUnreadable(logger, context.Request.Method, context.Request.Path, exception.Message, result.StatusCode);
            metrics.CallbackAnswered(activity, kindName, result.StatusCode);
            await result.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (IOException exception)
        {
            // The connection broke while the body arrived: nobody is left to answer.
            Log.RequestBodyBroken(logger, context.Request.Method, context.Request.Path, exception.Message);
            context.Abort();
            return;
        }

        try
        {
            result = await ProcessAsync(context, kind, body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Log.HookFailed(logger, exception, kindName, "-");
            result = CallbackResult.InternalError();
        }

        if (result.ErrorCode is { } errorCode)
        {
            Log.CallbackRefused(logger, context.Request.Method, context.Request.Path, result.StatusCode, errorCode);
        }
        else
        {
            Log.CallbackAnswered(logger, kindName, context.Request.Path, result.StatusCode);
        }

        metrics.CallbackAnswered(activity, kindName, result.StatusCode);

        await result.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
    }

    // A ValueTask: most callbacks complete without yielding (the body is buffered, the store answers at once), and a
    // Task<CallbackResult> would be allocated for each of them.
    private async ValueTask<CallbackResult> ProcessAsync(HttpContext context, CallbackKind kind, byte[]? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return CallbackResult.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "The request body is larger than the connector accepts.");
        }

        SignatureVerificationResult verification = verifier.Verify(context, body);
        if (verification != SignatureVerificationResult.Valid)
        {
            Log.SignatureRejected(logger, context.Request.Method, context.Request.Path, verification);
            metrics.SignatureRejected(verification);
            return SignatureRefusal(verification);
        }

        Connector connector = context.RequestServices.GetRequiredService<Connector>();
        if (kind is CallbackKind.Uninstall or CallbackKind.RemoveInstance)
        {
            string id = RouteId(context);
            string idName = kind == CallbackKind.Uninstall ? "installation id" : "instance id";
            if (IdRefusal(idName, id) is { } refusal)
            {
                return refusal;
            }

            return kind == CallbackKind.Uninstall
                ? await runtime.UninstallAsync(id, connector, cancellationToken).ConfigureAwait(false)
                : await runtime.RemoveInstanceAsync(id, connector, cancellationToken).ConfigureAwait(false);
        }

        if (!IsJson(context.Request.ContentType))
        {
            return CallbackResult.Error(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadContentType, "The content type must be application/json.");
        }

        if (body.Length == 0)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequestBody, "The request body is empty.");
        }

        if (!IsWellFormedJson(body))
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJsonBody, "The request body is not valid JSON.");
        }

        try
        {
            switch (kind)
            {
                case CallbackKind.Install:
                    InstallationRequest installation = Parse(body, ConnctdJsonContext.Default.InstallationRequest);
                    return IdRefusal("installation id", installation.Id) ??
                        await runtime.InstallAsync(installation, connector, cancellationToken).ConfigureAwait(false);
                case CallbackKind.Instantiate:
                    InstantiationRequest instance = Parse(body, ConnctdJsonContext.Default.InstantiationRequest);
                    return IdRefusal("instance id", instance.Id) ?? IdRefusal("installation id", instance.InstallationId) ??
                        await runtime.InstantiateAsync(instance, connector, cancellationToken).ConfigureAwait(false);
                default:
                    ActionRequest action = Parse(body, ConnctdJsonContext.Default.ActionRequest);
                    return IdRefusal("action request id", action.Id) ?? IdRefusal("thing id", action.ThingId) ??
                        IdRefusal("component id", action.ComponentId) ?? IdRefusal("action id", action.ActionId) ??
                        await runtime.ActAsync(action, connector, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (BadBodyException)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequestBody, $"The request body is not a valid {BodyName(kind)}.");
        }
    }

    /// <summary>Refuses an id the rules of <see cref="CallbackIdRules"/> do not allow; the answer names the id's role, never the id.</summary>
    private static CallbackResult? IdRefusal(string name, string? id) => CallbackIdRules.Problem(id) is { } problem
        ? CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidId, $"The {name} {problem}.")
        : null;

    // Kestrel reports some framing errors as a plain IOException (a chunk size of more than 16 hex digits overflows),
    // while the connection is still up; a reset or an aborted request is a broken connection instead.
    private static bool IsFramingError(IOException exception, CancellationToken requestAborted) =>
        exception is not Microsoft.AspNetCore.Connections.ConnectionResetException &&
        exception.InnerException is not IOException &&
        !requestAborted.IsCancellationRequested;

    private static CallbackResult Unreadable(int statusCode) => statusCode switch
    {
        StatusCodes.Status408RequestTimeout =>
            CallbackResult.Error(StatusCodes.Status408RequestTimeout, ErrorCodes.RequestTimeout, "The request body did not arrive in time."),
        StatusCodes.Status413PayloadTooLarge =>
            CallbackResult.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "The request body is larger than the server accepts."),
        _ => CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "The request could not be read: its framing is malformed or its body is incomplete."),
    };

    private static T Parse<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new BadBodyException();
        }
        catch (JsonException)
        {
            throw new BadBodyException();
        }
    }

    private static string RouteId(HttpContext context)
    {
        string id = context.Request.RouteValues["id"] as string ?? "";

        // Kestrel decodes the path except %2F, so an id with a '/' arrives still encoded: take the last segment of the raw
        // target, decoded once (also right for a literal '%', which arrives as %25), after the same dot-segment removal
        // Kestrel routed by (a trailing "/." or "/x/.." must not make "." or "x" the id).
        if (id.Contains('%', StringComparison.Ordinal) && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw)
        {
            id = RequestTargetPath.LastSegment(raw);
        }

        return id;
    }

    private static string BodyName(CallbackKind kind) => kind switch
    {
        CallbackKind.Install => "installation request",
        CallbackKind.Instantiate => "instantiation request",
        _ => "action request",
    };

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? mediaType) ||
            !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return mediaType.Charset.Length == 0 ||
               mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) ||
               mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsWellFormedJson(byte[] body)
    {
        // JSON text is UTF-8 (RFC 8259); the reader does not check the bytes inside strings, so check them here.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return false;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static CallbackResult SignatureRefusal(SignatureVerificationResult verification) => verification switch
    {
        SignatureVerificationResult.MissingSignature =>
            CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MissingHeader, "The Signature header is missing."),
        SignatureVerificationResult.MissingDate =>
            CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MissingHeader, "The Date header is missing."),
        SignatureVerificationResult.StaleDate or SignatureVerificationResult.MalformedDate =>
            CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.StaleRequest, "The Date header is not a current HTTP-date."),
        _ => CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadSignature, "Signature seems to be invalid"),
    };

    // Enum.ToString boxes the value; these are the same names, without an allocation per callback.
    private static string KindName(CallbackKind kind) => kind switch
    {
        CallbackKind.Install => nameof(CallbackKind.Install),
        CallbackKind.Uninstall => nameof(CallbackKind.Uninstall),
        CallbackKind.Instantiate => nameof(CallbackKind.Instantiate),
        CallbackKind.RemoveInstance => nameof(CallbackKind.RemoveInstance),
        CallbackKind.Action => nameof(CallbackKind.Action),
        _ => kind.ToString(),
    };

    /// <summary>The body parsed as JSON but is not the expected message.</summary>
    private sealed class BadBodyException : Exception;
}
