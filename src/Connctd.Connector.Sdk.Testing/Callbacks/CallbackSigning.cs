namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// How a callback is signed. Everything but <see cref="Valid"/> is a deliberately bad callback, as an attacker or a
/// replay would send it; a connector must refuse each with <c>400</c>. Bad callbacks are not sent by the platform, so
/// they change nothing in its records.
/// </summary>
public enum CallbackSigning
{
    /// <summary>Signed with the publication's key, dated now: the platform's own callback.</summary>
    Valid,

    /// <summary>Signed correctly, then the body (or, without a body, the request) is changed before sending. Expect <c>BAD_SIGNATURE</c>.</summary>
    TamperedBody,

    /// <summary>Signed correctly but dated one hour ago, like a captured request replayed later. Expect <c>STALE_REQUEST</c>.</summary>
    StaleDate,

    /// <summary>Signed with a key pair that is not the publication's. Expect <c>BAD_SIGNATURE</c>.</summary>
    WrongKey,

    /// <summary>Dated but without a <c>Signature</c> header. Expect <c>MISSING_HEADER</c>.</summary>
    MissingSignature,

    /// <summary>Signed but without a <c>Date</c> header. Expect <c>MISSING_HEADER</c>.</summary>
    MissingDate,
}
