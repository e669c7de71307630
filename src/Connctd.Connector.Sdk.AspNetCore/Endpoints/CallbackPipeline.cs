using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.AspNetCore.Verification;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>
/// Handles one routed callback: body within the size limit (413), signature over the raw target and raw body (400),
/// content type (415), strict JSON (400), ids (400), then the runtime. Every refusal is an error body in the protocol's
/// format; no exception text ever leaves the process. The one path behind both <c>MapConnctdConnector</c> (through
/// <see cref="HandleAsync(HttpContext, CallbackKind)"/>) and <see cref="ConnctdCallbackHandler"/>.
/// </summary>
internal sealed class CallbackPipeline(
    CallbackVerifier verifier,
    ConnectorRuntime runtime,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    ConnctdMetrics metrics,
    ILogger<CallbackPipeline> logger)
{
    /// <summary>The ASP.NET Core adapter: reads the body (refusing what Kestrel cannot read), answers, writes the answer.</summary>
    public async Task HandleAsync(HttpContext context, CallbackKind kind)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        HttpRequest request = context.Request;
        byte[]? body;
        try
        {
            body = await RequestBodyReader.ReadAsync(request, options.CurrentValue.MaxRequestBodySize, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.RequestBodyBroken(logger, request.Method, request.Path, "the client closed the connection");
            return;
        }
        catch (IOException exception) when (exception is BadHttpRequestException || IsFramingError(exception, cancellationToken))
        {
            // Kestrel's verdict on the framing (a bad chunk size, a body shorter than its Content-Length, a body slower
            // than the minimum data rate): the client's fault, answered with Kestrel's status; Kestrel closes the connection.
            CallbackResult unreadable = CallbackRefusals.Unreadable(exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
            Log.RequestUnreadable(logger, request.Method, request.Path, exception.Message, unreadable.StatusCode);
            metrics.CallbackAnswered(null, KindName(kind), unreadable.StatusCode);
            await unreadable.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (IOException exception)
        {
            // The connection broke while the body arrived: nobody is left to answer.
            Log.RequestBodyBroken(logger, request.Method, request.Path, exception.Message);
            context.Abort();
            return;
        }

        var callback = new ConnctdCallbackRequest
        {
            Method = request.Method,
            Scheme = request.Scheme,
            Host = request.Headers.Host.ToString(),
            RawTarget = CallbackVerifier.RawTarget(request),
            Headers = request.Headers,
            Body = body ?? ReadOnlyMemory<byte>.Empty,
            RemoteIpAddress = context.Connection.RemoteIpAddress,
        };
        CallbackResult result;
        try
        {
            result = await AnswerAsync(kind, RouteId(context), callback, body is null, context.RequestServices, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        await result.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a routed callback; never throws but for <paramref name="cancellationToken"/>. <paramref name="routeId"/>
    /// is the id of a DELETE route; <paramref name="bodyTooLarge"/> says the host stopped reading a body over the limit.
    /// </summary>
    public async ValueTask<CallbackResult> AnswerAsync(
        CallbackKind kind, string? routeId, ConnctdCallbackRequest request, bool bodyTooLarge, IServiceProvider services, CancellationToken cancellationToken)
    {
        string kindName = KindName(kind);
        using System.Diagnostics.Activity? activity = ConnctdMetrics.StartCallback(kindName);
        CallbackResult result;
        try
        {
            result = await ProcessAsync(kind, routeId, request, bodyTooLarge, services, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Log.HookFailed(logger, exception, kindName, "-");
            result = CallbackResult.InternalError();
        }

        string path = new(RequestTargetPath.PathOf(request.RawTarget));
        if (result.ErrorCode is { } errorCode)
        {
            Log.CallbackRefused(logger, request.Method, path, result.StatusCode, errorCode);
        }
        else
        {
            Log.CallbackAnswered(logger, kindName, path, result.StatusCode);
        }

        metrics.CallbackAnswered(activity, kindName, result.StatusCode);
        return result;
    }

    // A ValueTask: most callbacks complete without yielding (the body is buffered, the store answers at once), and a
    // Task<CallbackResult> would be allocated for each of them.
    private async ValueTask<CallbackResult> ProcessAsync(
        CallbackKind kind, string? routeId, ConnctdCallbackRequest request, bool bodyTooLarge, IServiceProvider services, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> body = request.Body;
        if (bodyTooLarge || body.Length > options.CurrentValue.MaxRequestBodySize)
        {
            return CallbackRefusals.TooLarge();
        }

        SignatureVerificationResult verification = verifier.Verify(request);
        if (verification != SignatureVerificationResult.Valid)
        {
            Log.SignatureRejected(logger, request.Method, new string(RequestTargetPath.PathOf(request.RawTarget)), verification);
            metrics.SignatureRejected(verification);
            return CallbackRefusals.Signature(verification);
        }

        if (SignedCallback.From(request.Headers) is not { } signed)
        {
            // Verification read the same headers; only a verifier of another making could get here.
            return CallbackRefusals.Signature(SignatureVerificationResult.MalformedSignature);
        }

        Connector connector = services.GetRequiredService<Connector>();
        if (kind is CallbackKind.Uninstall or CallbackKind.RemoveInstance)
        {
            string id = routeId ?? "";
            string idName = kind == CallbackKind.Uninstall ? "installation id" : "instance id";
            if (CallbackRefusals.InvalidId(idName, id) is { } refusal)
            {
                return refusal;
            }

            return kind == CallbackKind.Uninstall
                ? await runtime.UninstallAsync(id, signed, connector, cancellationToken).ConfigureAwait(false)
                : await runtime.RemoveInstanceAsync(id, signed, connector, cancellationToken).ConfigureAwait(false);
        }

        if (!IsJson(request.Headers.ContentType.ToString()))
        {
            return CallbackResult.Error(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadContentType, "The content type must be application/json.");
        }

        if (body.Length == 0)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequestBody, "The request body is empty.");
        }

        if (!IsWellFormedJson(body.Span))
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJsonBody, "The request body is not valid JSON.");
        }

        try
        {
            switch (kind)
            {
                case CallbackKind.Install:
                    InstallationRequest installation = Parse(body.Span, ConnctdJson.GetTypeInfo<InstallationRequest>());
                    return CallbackRefusals.InvalidId("installation id", installation.Id) ??
                        await runtime.InstallAsync(installation, signed, connector, cancellationToken).ConfigureAwait(false);
                case CallbackKind.Instantiate:
                    InstantiationRequest instance = Parse(body.Span, ConnctdJson.GetTypeInfo<InstantiationRequest>());
                    return CallbackRefusals.InvalidId("instance id", instance.Id) ?? CallbackRefusals.InvalidId("installation id", instance.InstallationId) ??
                        await runtime.InstantiateAsync(instance, signed, connector, cancellationToken).ConfigureAwait(false);
                default:
                    ActionRequest action = Parse(body.Span, ConnctdJson.GetTypeInfo<ActionRequest>());
                    return CallbackRefusals.InvalidId("action request id", action.Id) ?? CallbackRefusals.InvalidId("thing id", action.ThingId) ??
                        CallbackRefusals.InvalidId("component id", action.ComponentId) ?? CallbackRefusals.InvalidId("action id", action.ActionId) ??
                        await runtime.ActAsync(action, connector, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (BadBodyException)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequestBody, $"The request body is not a valid {BodyName(kind)}.");
        }
    }

    // Kestrel reports some framing errors as a plain IOException (a chunk size of more than 16 hex digits overflows),
    // while the connection is still up; a reset or an aborted request is a broken connection instead.
    private static bool IsFramingError(IOException exception, CancellationToken requestAborted) =>
        exception is not Microsoft.AspNetCore.Connections.ConnectionResetException &&
        exception.InnerException is not IOException &&
        !requestAborted.IsCancellationRequested;

    private static T Parse<T>(ReadOnlySpan<byte> body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
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
        if (id.Contains('%', StringComparison.Ordinal) && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw)
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

    private static bool IsWellFormedJson(ReadOnlySpan<byte> body)
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
