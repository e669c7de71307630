using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>
/// The platform API as one request delegate: route, faults, bearer token, content type, strict JSON, then the state.
/// Every request is recorded with its answer.
/// </summary>
internal sealed class PlatformApi(PlatformState state, PlatformFaults faults, ILogger logger)
{
    public const string BasePath = "/api/v1/";
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        DateTimeOffset receivedAt = state.Time.GetUtcNow();
        long sequence = state.NextRequestSequence();
        string requestId = "fake-request-" + sequence.ToString(CultureInfo.InvariantCulture);
        string method = context.Request.Method;
        string path = RelativePath(context);
        PlatformRoute route = PlatformRoute.Parse(method, path);

        byte[]? body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        string? bodyText = body is { Length: > 0 } ? Encoding.UTF8.GetString(body) : null;

        FaultDecision fault = faults.Take(route.Operation);
        if (fault.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Latency, state.Time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The connector gave up waiting: record the call as dropped by the client and answer nothing.
                state.Record(new RecordedRequest(sequence, route.Operation, method, path, bodyText, 0, null, PlatformFaultKind.None, receivedAt));
                return;
            }
        }

        ApiResult result;
        switch (fault.Kind)
        {
            case PlatformFaultKind.ConnectionDropped:
                state.Record(new RecordedRequest(sequence, route.Operation, method, path, bodyText, 0, null, fault.Kind, receivedAt));
                Log.FaultInjected(logger, method, path, fault.Kind, 0);
                context.Abort();
                return;
            case PlatformFaultKind.RateLimited:
                result = ApiResult.Error(429, FakePlatformErrorCodes.TooManyRequests, "Injected fault: too many requests.");
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                Log.FaultInjected(logger, method, path, fault.Kind, result.StatusCode);
                break;
            case PlatformFaultKind.ErrorStatus:
                result = ApiResult.Error(
                    fault.StatusCode,
                    fault.StatusCode == 503 ? FakePlatformErrorCodes.ServiceUnavailable : FakePlatformErrorCodes.InjectedFault,
                    "Injected fault: the platform is unavailable.");
                Log.FaultInjected(logger, method, path, fault.Kind, result.StatusCode);
                break;
            default:
                result = body is null
                    ? ApiResult.Error(413, ErrorCodes.RequestTooLarge, "The request body is larger than the fake platform accepts.")
                    : Handle(context.Request, route, body);
                if (result.ErrorCode is { } errorCode)
                {
                    Log.Refused(logger, method, path, result.StatusCode, errorCode, result.Description);
                }
                else
                {
                    Log.Answered(logger, method, path, result.StatusCode);
                }

                break;
        }

        state.Record(new RecordedRequest(sequence, route.Operation, method, path, bodyText, result.StatusCode, result.ErrorCode, fault.Kind, receivedAt));
        context.Response.StatusCode = result.StatusCode;
        context.Response.Headers["X-Request-Id"] = requestId;
        if (result.BodyFor(requestId) is { } responseBody)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = responseBody.Length;
            await context.Response.Body.WriteAsync(responseBody, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static string RelativePath(HttpContext context)
    {
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target
            ? target
            : context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent();
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        return raw.StartsWith(BasePath, StringComparison.Ordinal) ? raw[BasePath.Length..] : raw;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private ApiResult Handle(HttpRequest request, PlatformRoute route, byte[] body)
    {
        if (route.Operation == PlatformOperation.Unknown)
        {
            return route.MethodNotAllowed
                ? ApiResult.Error(405, ErrorCodes.MethodNotAllowed, "The platform API does not answer this method at this path.")
                : ApiResult.Error(404, ErrorCodes.NotFound, "The platform API has no such path.");
        }

        string? token = BearerToken(request);
        if (token is null)
        {
            return ApiResult.Error(401, ErrorCodes.NotAuthorized, "The request carries no bearer token.");
        }

        if (state.FindTokenOwner(token) is not { } owner)
        {
            return ApiResult.Error(401, ErrorCodes.NotAuthorized, "The bearer token is not a live installation or instance token.");
        }

        if (route.Operation == PlatformOperation.DeleteThing)
        {
            return state.DeleteThing(owner, route.ThingId!);
        }

        if (!IsJson(request.ContentType))
        {
            return ApiResult.Error(415, ErrorCodes.BadContentType, "The content type must be application/json.");
        }

        if (route.Operation is PlatformOperation.CreateThing or PlatformOperation.UpdateThingStatus &&
            !PlatformThingRules.HasListedStatus(body, route.Operation == PlatformOperation.CreateThing ? ["thing"] : []))
        {
            return ApiResult.Error(400, FakePlatformErrorCodes.InvalidBody, "The status must be UNKNOWN, AVAILABLE or UNAVAILABLE.");
        }

        return route.Operation switch
        {
            PlatformOperation.CreateThing => Parse(PlatformThingRules.WithoutNullMembers(body), ConnctdJson.GetTypeInfo<CreateThingRequest>(), out CreateThingRequest? create) is { } error
                ? error
                : create!.Thing is null ? BadBody("The body has no thing.") : state.CreateThing(owner, create.Thing),
            PlatformOperation.UpdateProperty => Parse(body, ConnctdJson.GetTypeInfo<PropertyValueUpdate>(), out PropertyValueUpdate? value) is { } error
                ? error
                : value!.Value is null || value.LastUpdate == default
                    ? BadBody("The body needs a value and a lastUpdate.")
                    : state.UpdateProperty(owner, route.ThingId!, route.ComponentId!, route.PropertyId!, value),
            PlatformOperation.UpdateThingStatus => Parse(body, ConnctdJson.GetTypeInfo<ThingStatusUpdate>(), out ThingStatusUpdate? status) is { } error
                ? error
                : state.UpdateThingStatus(owner, route.ThingId!, status!.Status),
            PlatformOperation.UpdateActionRequest => Parse(body, ConnctdJson.GetTypeInfo<ActionRequestUpdate>(), out ActionRequestUpdate? action) is { } error
                ? error
                : state.UpdateActionRequest(owner, route.ActionRequestId!, action!),
            PlatformOperation.UpdateInstallationState => Parse(body, ConnctdJson.GetTypeInfo<StateUpdate>(), out StateUpdate? installation) is { } error
                ? error
                : state.UpdateInstallationState(owner, installation!),
            _ => Parse(body, ConnctdJson.GetTypeInfo<StateUpdate>(), out StateUpdate? instance) is { } error
                ? error
                : state.UpdateInstanceState(owner, instance!),
        };
    }

    private static ApiResult? Parse<T>(byte[] body, JsonTypeInfo<T> typeInfo, out T? value)
        where T : class
    {
        value = null;
        if (body.Length == 0)
        {
            return BadBody("The request body is empty.");
        }

        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
            return value is null ? BadBody("The request body is null.") : null;
        }
        catch (JsonException)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                return ApiResult.Error(400, ErrorCodes.InvalidJsonBody, "The request body is not valid JSON.");
            }

            return BadBody("The request body is not the expected message.");
        }
    }

    private static ApiResult BadBody(string description) => ApiResult.Error(400, ErrorCodes.BadRequestBody, description);

    private static string? BearerToken(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        if (!AuthenticationHeaderValue.TryParse(header, out AuthenticationHeaderValue? value) ||
            !string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ||
            string.IsNullOrWhiteSpace(value.Parameter))
        {
            return null;
        }

        return value.Parameter;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed) &&
        string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);
}
