namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The instruments of the meter <c>Connctd.Connector.Sdk</c> (see <see cref="Connctd.Connector.Sdk.Diagnostics.ConnctdDiagnostics"/>).
/// </summary>
public static class ConnctdMetricNames
{
    /// <summary>Counter of callbacks answered, tagged <c>kind</c> (Install, Uninstall, Instantiate, RemoveInstance, Action) and <c>status_code</c>.</summary>
    public const string Callbacks = "connctd.callbacks";

    /// <summary>Counter of callbacks refused by the signature check, tagged <c>reason</c> (MissingSignature, StaleDate, Mismatch, …).</summary>
    public const string SignatureRejections = "connctd.signature.rejections";

    /// <summary>Counter of platform calls handed to the outbox, tagged <c>operation</c> and <c>result</c> (Enqueued, Coalesced, Full).</summary>
    public const string OutboxEnqueued = "connctd.outbox.enqueued";

    /// <summary>Counter of outbox delivery attempts, tagged <c>operation</c> and <c>outcome</c> (delivered, retried, dead_lettered).</summary>
    public const string OutboxDeliveries = "connctd.outbox.deliveries";

    /// <summary>Gauge of messages waiting in the outbox.</summary>
    public const string OutboxDepth = "connctd.outbox.depth";

    /// <summary>Gauge of the age of the oldest outbox message, in seconds.</summary>
    public const string OutboxOldestAge = "connctd.outbox.oldest_age";

    /// <summary>Gauge of messages in the dead-letter table.</summary>
    public const string OutboxDeadLetters = "connctd.outbox.dead_letters";
}
