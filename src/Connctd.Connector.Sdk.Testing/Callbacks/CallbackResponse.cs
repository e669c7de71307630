using System.Text.Json;
using Connctd.Connector.Sdk.Testing.Internal;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>What a connector answered to a callback, with what was sent.</summary>
public class CallbackResponse
{
    internal CallbackResponse(CallbackExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Method = exchange.Method;
        Target = exchange.Target;
        RequestBody = exchange.RequestBody;
        Signing = exchange.Signing;
        StatusCode = exchange.StatusCode;
        Body = exchange.ResponseBody;
        (ErrorCode, ErrorDescription) = ReadError(exchange.ResponseBody);
    }

    /// <summary>The HTTP method sent.</summary>
    public string Method { get; }

    /// <summary>The request target sent (escaped path plus query), for example <c>/connctd/installations</c>.</summary>
    public string Target { get; }

    /// <summary>The body sent, or <see langword="null"/> for a request without one. It holds the token of an installation or instance.</summary>
    public string? RequestBody { get; }

    /// <summary>How the callback was signed.</summary>
    public CallbackSigning Signing { get; }

    /// <summary>The HTTP status code the connector answered.</summary>
    public int StatusCode { get; }

    /// <summary>The response body as text; empty when there was none.</summary>
    public string Body { get; }

    /// <summary>The <c>error</c> code of a protocol error body (for example <c>BAD_SIGNATURE</c>), or <see langword="null"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The <c>description</c> of a protocol error body, or <see langword="null"/>.</summary>
    public string? ErrorDescription { get; }

    /// <summary>Whether the status code is 2xx.</summary>
    public bool IsSuccessStatusCode => StatusCode is >= 200 and < 300;

    /// <summary>Describes the exchange without the request body (it holds a token).</summary>
    /// <returns>For example <c>POST /connctd/actions → 400 BAD_SIGNATURE</c>.</returns>
    public override string ToString() =>
        ErrorCode is null ? $"{Method} {Target} → {StatusCode}" : $"{Method} {Target} → {StatusCode} {ErrorCode}";

    private static (string? Code, string? Description) ReadError(string body)
    {
        if (body.Length == 0 || body[0] != '{')
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            string? code = root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
            string? description = root.TryGetProperty("description", out JsonElement text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            return code is null ? (null, null) : (code, description);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
