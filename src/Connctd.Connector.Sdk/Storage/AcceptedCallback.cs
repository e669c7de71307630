namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// A lifecycle callback the connector accepted (an installation, uninstallation, instantiation or instance removal),
/// remembered by the replay cache (<see cref="IReplayCacheStore"/>) for as long as its <c>Date</c> could pass the
/// clock-skew window again, so that a captured copy replayed later cannot bring back what a newer callback changed.
/// </summary>
/// <param name="Subject">What the callback is about: <c>installation/&lt;id&gt;</c> or <c>instance/&lt;id&gt;</c>.</param>
/// <param name="SignatureHash">The SHA-256 (lower-case hex) of the callback's decoded Ed25519 signature.</param>
/// <param name="SignedAt">The time the platform signed in the callback's <c>Date</c> header.</param>
/// <param name="IsRemoval">True for an uninstallation or instance removal (a tombstone of the subject).</param>
/// <param name="AcceptedAt">When the connector accepted it (the connector's clock).</param>
/// <param name="ExpiresAt">When it may be forgotten: a replay of it would by then fail the <c>Date</c> check.</param>
public sealed record AcceptedCallback(
    string Subject,
    string SignatureHash,
    DateTimeOffset SignedAt,
    bool IsRemoval,
    DateTimeOffset AcceptedAt,
    DateTimeOffset ExpiresAt);
