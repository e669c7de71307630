namespace Connctd.Connector.Sdk.Signing;

/// <summary>Options for <see cref="SignatureVerifier"/>.</summary>
public sealed class SignatureVerifierOptions
{
    /// <summary>
    /// How far the signed <c>Date</c> header may lie in the past or in the future, inclusive, measured
    /// against the verifier's clock. Bounds how long a captured request can be replayed and how far the
    /// platform's and the connector's clocks may drift apart. Must not be negative. Default: 5 minutes.
    /// </summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
