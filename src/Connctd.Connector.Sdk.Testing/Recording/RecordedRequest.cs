namespace Connctd.Connector.Sdk.Testing;

/// <summary>One call the connector made to the platform API, as received and answered (including faulted ones).</summary>
/// <param name="Sequence">The order of arrival, from 1.</param>
/// <param name="Operation">Which API call it was.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below the platform URL, for example <c>connectorhub/callback/instances/things</c>.</param>
/// <param name="Body">The request body as text, or <see langword="null"/> without one. Tokens travel in a header and are never recorded.</param>
/// <param name="StatusCode">The status answered; 0 when the connection was dropped (by a fault, or by the connector giving up during injected latency).</param>
/// <param name="ErrorCode">The error code answered, or <see langword="null"/> on success.</param>
/// <param name="Fault">The fault injected, if any.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record RecordedRequest(
    long Sequence,
    PlatformOperation Operation,
    string Method,
    string Path,
    string? Body,
    int StatusCode,
    string? ErrorCode,
    PlatformFaultKind Fault,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Whether the platform accepted the call (2xx).</summary>
    public bool Accepted => StatusCode is >= 200 and < 300;

    /// <summary>Describes the call in one line.</summary>
    /// <returns>For example <c>PUT connectorhub/callback/instances/things/thing-1/status → 204</c>.</returns>
    public override string ToString() => Fault switch
    {
        PlatformFaultKind.ConnectionDropped => $"{Method} {Path} → connection dropped",
        _ when ErrorCode is not null => $"{Method} {Path} → {StatusCode} {ErrorCode}",
        _ => $"{Method} {Path} → {StatusCode}",
    };
}
