namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The limits of one <see cref="IOutboxDrainer.DrainAsync"/>.</summary>
public sealed class OutboxDrainOptions
{
    /// <summary>
    /// How long the drain may take (30 s by default). No delivery starts after it, and a platform call still running
    /// then is cut short and its message handed back unchanged (not counted as a failed attempt), for a later drain.
    /// Keep it well inside the host's own limit for the invocation.
    /// </summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most messages the drain attempts (1,000 by default).</summary>
    public int MaxMessages { get; set; } = 1_000;
}
