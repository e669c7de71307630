using Connctd.Connector.Sdk.Client;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Options of a connector, bound from the configuration section <c>Connctd</c> by convention and validated at
/// start-up (a missing or malformed key stops the application with a message that says what to fix).
/// </summary>
public sealed class ConnctdConnectorOptions
{
    /// <summary>The name of the conventional configuration section.</summary>
    public const string SectionName = "Connctd";

    /// <summary>
    /// The publication's Ed25519 public key, Base64 of 32 bytes, as shown once when the connector was published
    /// (configuration key <c>Connctd:PublicKey</c>, environment variable <c>Connctd__PublicKey</c>).
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>
    /// More public keys, all accepted, for key rotation without downtime (<c>Connctd:PublicKeys:0</c>, …).
    /// Keys are read on every callback, so a configuration reload takes effect at once.
    /// </summary>
    public IList<string> PublicKeys { get; } = new List<string>();

    /// <summary>The platform API base URL; absolute. Defaults to <c>https://connectors.connctd.io/api/v1/</c>.</summary>
    public Uri PlatformUrl { get; set; } = new("https://connectors.connctd.io/api/v1/");

    /// <summary>How far the <c>Date</c> of a callback may lie in the past or future; 5 minutes by default. Older requests are refused as replays.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest callback body accepted, in bytes; 64 KiB by default. Larger bodies are answered with <c>413</c>.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// How long an action may stay unfinished — its hook started, no outcome recorded — before it counts as
    /// abandoned (the process that ran it died); 2 minutes by default (<c>Connctd:AbandonedActionTimeout</c>). A
    /// repeated request for an abandoned action reports it FAILED to the platform (through the outbox) and is answered
    /// <c>202 FAILED</c>; the hook is never run a second time. Set it above the longest time your hook may run.
    /// </summary>
    public TimeSpan AbandonedActionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When the things of a new instance are created; <see cref="ThingCreationMode.Inline"/> by default.</summary>
    public ThingCreationMode ThingCreation { get; set; } = ThingCreationMode.Inline;

    /// <summary>How the signed URL is rebuilt behind proxies.</summary>
    public SignedUrlOptions SignedUrl { get; set; } = new();

    /// <summary>Timeouts, retries, rate limit and circuit breaker of calls to the platform.</summary>
    public PlatformResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// What the runtime does at start-up about instances whose things no longer match <see cref="Connector.GetThingsAsync"/>
    /// (<c>Connctd:ThingSync</c>): <see cref="ThingSyncMode.Report"/> by default (a dry-run report in the log).
    /// </summary>
    public ThingSyncMode ThingSync { get; set; } = ThingSyncMode.Report;

    /// <summary>How the durable outbox delivers platform calls.</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>How the Data Protection key ring is protected where it is stored (<c>Connctd:KeyRing</c>).</summary>
    public KeyRingOptions KeyRing { get; set; } = new();

    /// <summary>The connector version, targeted roll-out and dry run of upgrades (<c>Connctd:Upgrade</c>).</summary>
    public UpgradeOptions Upgrade { get; set; } = new();

    /// <summary>Configuration values that could not be read, reported by validation at start-up.</summary>
    internal List<string>? BindingErrors { get; set; }

    /// <summary>Every configured public key: <see cref="PublicKey"/> and <see cref="PublicKeys"/>, without blanks.</summary>
    /// <returns>The keys as configured (Base64).</returns>
    public IReadOnlyList<string> GetAllPublicKeys()
    {
        List<string> keys = [];
        if (!string.IsNullOrWhiteSpace(PublicKey))
        {
            keys.Add(PublicKey.Trim());
        }

        keys.AddRange(PublicKeys.Where(key => !string.IsNullOrWhiteSpace(key)).Select(key => key.Trim()));
        return keys;
    }
}
