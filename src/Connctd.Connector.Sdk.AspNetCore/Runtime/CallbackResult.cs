using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>The answer to a callback: a status code and an optional JSON body in the protocol's format.</summary>
internal readonly record struct CallbackResult(int StatusCode, byte[]? Body)
{
    public static CallbackResult Created { get; } = new(StatusCodes.Status201Created, null);

    public static CallbackResult NoContent { get; } = new(StatusCodes.Status204NoContent, null);

    public string? ErrorCode { get; init; }

    /// <summary>For 405: the method the path answers, sent as the <c>Allow</c> header.</summary>
    public string? Allow { get; init; }

    public static CallbackResult Error(int statusCode, string errorCode, string description) =>
        new(statusCode, JsonSerializer.SerializeToUtf8Bytes(
            new ErrorResponse { Error = errorCode, Description = description, Status = statusCode },
            ConnctdJson.GetTypeInfo<ErrorResponse>()))
        { ErrorCode = errorCode };

    public static CallbackResult Accepted(SetupResponse body) =>
        new(StatusCodes.Status202Accepted, JsonSerializer.SerializeToUtf8Bytes(body, ConnctdJson.GetTypeInfo<SetupResponse>()));

    public static CallbackResult Accepted(string answerJson) =>
        new(StatusCodes.Status202Accepted, System.Text.Encoding.UTF8.GetBytes(answerJson));

    public static CallbackResult Accepted(ActionResponse body) =>
        new(StatusCodes.Status202Accepted, JsonSerializer.SerializeToUtf8Bytes(body, ConnctdJson.GetTypeInfo<ActionResponse>()));

    public static CallbackResult InternalError() =>
        Error(StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, "The connector failed to handle the request.");

    /// <summary>The answer as the public, host-independent type.</summary>
    public ConnctdCallbackResponse ToResponse() => new(StatusCode, Body, Allow);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        if (Allow is not null)
        {
            response.Headers.Allow = Allow;
        }

        if (Body is { Length: > 0 } body)
        {
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }
}
