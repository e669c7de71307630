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
        try
        {
            result = await ProcessAsync(context, kind, cancellationToken).ConfigureAwait(false);
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
    private async ValueTask<CallbackResult> ProcessAsync(HttpContext context, CallbackKind kind, CancellationToken cancellationToken)
    {
        byte[]? body = await RequestBodyReader.ReadAsync(context.Request, options.CurrentValue.MaxRequestBodySize, cancellationToken).ConfigureAwait(false);
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
        switch (kind)
        {
            case CallbackKind.Uninstall:
                return await runtime.UninstallAsync(RouteId(context), connector, cancellationToken).ConfigureAwait(false);
            case CallbackKind.RemoveInstance:
                return await runtime.RemoveInstanceAsync(RouteId(context), connector, cancellationToken).ConfigureAwait(false);
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
            return kind switch
            {
                CallbackKind.Install => await runtime.InstallAsync(
                    Parse(body, ConnctdJsonContext.Default.InstallationRequest), connector, cancellationToken).ConfigureAwait(false),
                CallbackKind.Instantiate => await runtime.InstantiateAsync(
                    Parse(body, ConnctdJsonContext.Default.InstantiationRequest), connector, cancellationToken).ConfigureAwait(false),
                _ => await runtime.ActAsync(
                    Parse(body, ConnctdJsonContext.Default.ActionRequest), connector, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (BadBodyException)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequestBody, $"The request body is not a valid {BodyName(kind)}.");
        }
    }

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

        // Kestrel decodes the path except %2F, so an id with a '/' arrives still encoded: take the raw last segment and
        // unescape it once (also right for a literal '%', which arrives as %25).
        if (id.Contains('%', StringComparison.Ordinal) && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw)
        {
            int query = raw.IndexOf('?', StringComparison.Ordinal);
            string path = (query >= 0 ? raw[..query] : raw).TrimEnd('/');
            id = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
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
