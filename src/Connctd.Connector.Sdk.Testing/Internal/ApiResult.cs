using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>The fake platform's answer to one API call.</summary>
internal readonly record struct ApiResult(int StatusCode, string? ErrorCode, string? Description, byte[]? Body)
{
    public static ApiResult NoContent { get; } = new(204, null, null, null);

    public static ApiResult Error(int statusCode, string errorCode, string description) => new(statusCode, errorCode, description, null);

    public static ApiResult Created(string thingId) => new(
        201, null, null, JsonSerializer.SerializeToUtf8Bytes(new CreateThingResponse { Id = thingId }, ConnctdJson.GetTypeInfo<CreateThingResponse>()));

    /// <summary>The body to send: the result's own, or the protocol error body with a request id.</summary>
    public byte[]? BodyFor(string requestId) => ErrorCode is null
        ? Body
        : JsonSerializer.SerializeToUtf8Bytes(
            new ErrorResponse { Error = ErrorCode, Description = Description ?? "", Status = StatusCode, RequestId = requestId },
            ConnctdJson.GetTypeInfo<ErrorResponse>());
}
