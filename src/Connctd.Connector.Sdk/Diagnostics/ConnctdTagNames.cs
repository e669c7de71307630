namespace Connctd.Connector.Sdk.Diagnostics;

/// <summary>
/// The tags (attributes) the SDK puts on its metrics and spans. Every name starts with <c>connctd.</c>, so none collides
/// with a tag of ASP.NET Core, HttpClient or any other library on the same span or in the same metrics backend.
/// </summary>
public static class ConnctdTagNames
{
    /// <summary>The kind of callback: <c>Install</c>, <c>Uninstall</c>, <c>Instantiate</c>, <c>RemoveInstance</c> or <c>Action</c>.</summary>
    public const string CallbackKind = "connctd.callback.kind";

    /// <summary>The HTTP status code the connector answered a callback with.</summary>
    public const string CallbackStatusCode = "connctd.callback.status_code";

    /// <summary>Why the signature check refused a callback: <c>MissingSignature</c>, <c>MissingDate</c>, <c>StaleDate</c>, <c>Mismatch</c>, ….</summary>
    public const string SignatureRejectionReason = "connctd.signature.reason";

    /// <summary>The platform API call, for example <c>CreateThing</c> or <c>UpdatePropertyValue</c>.</summary>
    public const string PlatformOperation = "connctd.platform.operation";

    /// <summary>The HTTP status code the platform answered with; 0 when no answer came (timeout, connection failure, open circuit).</summary>
    public const string PlatformStatusCode = "connctd.platform.status_code";

    /// <summary>The platform call an outbox message carries, for example <c>UpdatePropertyValue</c>.</summary>
    public const string OutboxOperation = "connctd.outbox.operation";

    /// <summary>What became of a message handed to the outbox: <c>Enqueued</c>, <c>Coalesced</c> or <c>Full</c>.</summary>
    public const string OutboxResult = "connctd.outbox.result";

    /// <summary>How one delivery attempt ended: <c>delivered</c>, <c>retried</c> or <c>dead_lettered</c>.</summary>
    public const string OutboxOutcome = "connctd.outbox.outcome";

    /// <summary>What an upgrade hook ran for: <c>installation</c> or <c>instance</c>.</summary>
    public const string UpgradeKind = "connctd.upgrade.kind";

    /// <summary>How an upgrade hook ended: <c>succeeded</c> or <c>failed</c>.</summary>
    public const string UpgradeOutcome = "connctd.upgrade.outcome";
}
