using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>
/// The protocol's error body, in both directions:
/// <c>{"error":"BAD_SIGNATURE","description":"Signature seems to be invalid","status":400}</c>.
/// The platform adds <c>requestId</c> to its own errors.
/// </summary>
public sealed class ErrorResponse
{
    /// <summary>The machine-readable error code, for example <c>BAD_SIGNATURE</c> (see <see cref="ErrorCodes"/>).</summary>
    public string Error { get; init; } = "";

    /// <summary>A human-readable description. Never contains secrets or internal exception text.</summary>
    public string Description { get; init; } = "";

    /// <summary>The HTTP status code.</summary>
    public int Status { get; init; }

    /// <summary>The platform's request id, on errors the platform sends.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }
}
