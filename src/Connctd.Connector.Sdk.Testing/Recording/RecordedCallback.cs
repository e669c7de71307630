namespace Connctd.Connector.Sdk.Testing;

/// <summary>One callback the platform sent to the connector, and what the connector answered.</summary>
/// <param name="Sequence">The order of sending, from 1.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request target (escaped path plus query), for example <c>/connctd/actions</c>.</param>
/// <param name="Signing">How it was signed; anything but <see cref="CallbackSigning.Valid"/> is a bad callback the connector must refuse.</param>
/// <param name="StatusCode">The status the connector answered; 0 when it could not be reached.</param>
/// <param name="ErrorCode">The <c>error</c> code of the connector's protocol error body, if any.</param>
/// <param name="Failure">Why the connector could not be reached, when <paramref name="StatusCode"/> is 0.</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record RecordedCallback(
    long Sequence,
    string Method,
    string Target,
    CallbackSigning Signing,
    int StatusCode,
    string? ErrorCode,
    string? Failure,
    DateTimeOffset SentAt)
{
    /// <summary>
    /// Whether the connector answered as it must: a 2xx for a validly signed callback, a 4xx for a bad one (the
    /// platform treats other answers to a valid callback as failures of the connector).
    /// </summary>
    public bool AnsweredAsExpected => Signing == CallbackSigning.Valid ? StatusCode is >= 200 and < 300 : StatusCode is >= 400 and < 500;

    /// <summary>Describes the callback in one line.</summary>
    /// <returns>For example <c>POST /connctd/actions (WrongKey) → 400 BAD_SIGNATURE</c>.</returns>
    public override string ToString()
    {
        string signing = Signing == CallbackSigning.Valid ? "" : $" ({Signing})";
        return StatusCode == 0
            ? $"{Method} {Target}{signing} → unreachable"
            : ErrorCode is null ? $"{Method} {Target}{signing} → {StatusCode}" : $"{Method} {Target}{signing} → {StatusCode} {ErrorCode}";
    }
}
