using Connctd.Connector.Sdk.Diagnostics;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The instruments of the meter <c>Connctd.Connector.Sdk</c> (see <see cref="ConnctdDiagnostics"/>; the platform
/// client's histogram is <see cref="ConnctdDiagnostics.PlatformCallDuration"/>). Tags are named in <see cref="ConnctdTagNames"/>.
/// </summary>
public static class ConnctdMetricNames
{
    /// <summary>
    /// Counter of callbacks answered (unit <c>{callback}</c>), tagged <see cref="ConnctdTagNames.CallbackKind"/> (Install,
    /// Uninstall, Instantiate, RemoveInstance, Action) and <see cref="ConnctdTagNames.CallbackStatusCode"/>.
    /// </summary>
    public const string Callbacks = "connctd.callbacks";

    /// <summary>
    /// Counter of callbacks refused by the signature check (unit <c>{callback}</c>), tagged
    /// <see cref="ConnctdTagNames.SignatureRejectionReason"/> (MissingSignature, StaleDate, Mismatch, …).
    /// </summary>
    public const string SignatureRejections = "connctd.signature.rejections";

    /// <summary>
    /// Counter of platform calls handed to the outbox (unit <c>{message}</c>), tagged
    /// <see cref="ConnctdTagNames.OutboxOperation"/> and <see cref="ConnctdTagNames.OutboxResult"/> (Enqueued, Coalesced, Full).
    /// </summary>
    public const string OutboxEnqueued = "connctd.outbox.enqueued";

    /// <summary>
    /// Counter of outbox delivery attempts (unit <c>{attempt}</c>), tagged <see cref="ConnctdTagNames.OutboxOperation"/>
    /// and <see cref="ConnctdTagNames.OutboxOutcome"/> (delivered, retried, dead_lettered).
    /// </summary>
    public const string OutboxDeliveries = "connctd.outbox.deliveries";

    /// <summary>Gauge of messages waiting in the outbox (unit <c>{message}</c>), read from the store every few seconds.</summary>
    public const string OutboxDepth = "connctd.outbox.depth";

    /// <summary>Gauge of the age of the oldest outbox message, in seconds (0 when the outbox is empty).</summary>
    public const string OutboxOldestAge = "connctd.outbox.oldest_age";

    /// <summary>Gauge of messages in the dead-letter table (unit <c>{message}</c>).</summary>
    public const string OutboxDeadLetters = "connctd.outbox.dead_letters";

    /// <summary>
    /// Counter of upgrade hook runs (unit <c>{run}</c>), tagged <see cref="ConnctdTagNames.UpgradeKind"/> (installation,
    /// instance) and <see cref="ConnctdTagNames.UpgradeOutcome"/> (succeeded, failed).
    /// </summary>
    public const string Upgrades = "connctd.upgrades";

    /// <summary>Gauge of installations and instances whose last upgrade attempt on this replica failed (unit <c>{subject}</c>).</summary>
    public const string UpgradesFailing = "connctd.upgrades.failing";
}
