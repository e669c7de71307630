namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// Everything <see cref="SignatureVerifier"/> looks at in a callback request, taken from the request
/// exactly as it was received.
/// </summary>
/// <param name="Method">The HTTP method as sent, for example <c>POST</c>.</param>
/// <param name="Scheme">The scheme the platform called: <c>https</c>, unless a trusted proxy says otherwise.</param>
/// <param name="Host">The <c>Host</c> the platform called, with the port when one was sent.</param>
/// <param name="RequestUri">
/// The raw request target: escaped path plus <c>?query</c> when present (in ASP.NET Core,
/// <c>IHttpRequestFeature.RawTarget</c>, not a value rebuilt from the decoded path).
/// </param>
/// <param name="Date">The raw <c>Date</c> header value, or <see langword="null"/> when absent.</param>
/// <param name="Signature">The raw <c>Signature</c> header value, or <see langword="null"/> when absent.</param>
/// <param name="Body">The raw request body as received (empty when there is none).</param>
public readonly record struct SignatureInput(
    string Method,
    string Scheme,
    string Host,
    string RequestUri,
    string? Date,
    string? Signature,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Describes the request for diagnostics. The signature value and the body (which may carry tokens)
    /// are left out; only whether a signature is present and the body's length are shown.
    /// </summary>
    /// <returns>A short description such as <c>POST https://host/actions (Date: …, signature present, body 120 bytes)</c>.</returns>
    public override string ToString()
        => $"{Method} {Scheme}://{Host}{RequestUri} (Date: {Date ?? "none"}, signature {(Signature is null ? "absent" : "present")}, body {Body.Length} bytes)";
}
