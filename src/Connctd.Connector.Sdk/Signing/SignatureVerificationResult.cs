namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// The outcome of <see cref="SignatureVerifier.Verify"/>. Only <see cref="Valid"/> means the request
/// comes from the platform; every other value means it must be refused (the reference SDK answers
/// 400 <c>MISSING_HEADER</c> for a missing header and 400 <c>BAD_SIGNATURE</c> otherwise).
/// </summary>
/// <remarks>The checks run in the order of the values below; the first that fails is reported.</remarks>
public enum SignatureVerificationResult
{
    /// <summary>The signature verifies under one of the configured keys and the <c>Date</c> is recent.</summary>
    Valid,

    /// <summary>There is no <c>Signature</c> header, or it is empty.</summary>
    MissingSignature,

    /// <summary>There is no <c>Date</c> header, or it is empty, so the signed message cannot be built.</summary>
    MissingDate,

    /// <summary>The <c>Date</c> header is not an HTTP-date (for example <c>Wed, 07 Oct 2020 10:00:00 GMT</c>).</summary>
    MalformedDate,

    /// <summary>
    /// The <c>Date</c> lies further in the past or the future than
    /// <see cref="SignatureVerifierOptions.AllowedClockSkew"/> allows: a replayed request, or a clock that is off.
    /// </summary>
    StaleDate,

    /// <summary>The <c>Signature</c> header is not Base64, or does not decode to the 64 bytes of an Ed25519 signature.</summary>
    MalformedSignature,

    /// <summary>
    /// The signature does not verify under any configured key: the request was altered (method, URL,
    /// <c>Date</c> or body), was signed with another publication's key, or the URL the connector sees
    /// differs from the one the platform called (a proxy that changes the host, scheme or path).
    /// </summary>
    Mismatch,
}
