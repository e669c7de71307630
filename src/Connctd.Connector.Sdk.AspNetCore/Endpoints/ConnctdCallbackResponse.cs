using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The answer <see cref="ConnctdCallbackHandler"/> gives to a callback: send it back as it is.</summary>
public sealed class ConnctdCallbackResponse
{
    internal ConnctdCallbackResponse(int statusCode, ReadOnlyMemory<byte> body, string? allow)
    {
        StatusCode = statusCode;
        Body = body;
        Allow = allow;
    }

    /// <summary>The HTTP status code, for example 201, 204, 202 or 400.</summary>
    public int StatusCode { get; }

    /// <summary><c>application/json; charset=utf-8</c> when there is a body (an error body in the protocol's format, or a 202 answer); otherwise null.</summary>
    public string? ContentType => Body.IsEmpty ? null : "application/json; charset=utf-8";

    /// <summary>The body bytes; empty for 201 and 204.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>For 405: the method the path answers, for the <c>Allow</c> header; otherwise null.</summary>
    public string? Allow { get; }

    /// <summary>Writes the answer to an ASP.NET Core response: status, <c>Allow</c>, content type and length, body.</summary>
    /// <param name="response">The response, not started yet.</param>
    /// <param name="cancellationToken">Stops writing when the client is gone.</param>
    /// <returns>A task that completes when the body is written.</returns>
    public async Task WriteToAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCode;
        if (Allow is not null)
        {
            response.Headers.Allow = Allow;
        }

        if (!Body.IsEmpty)
        {
            response.ContentType = ContentType;
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
