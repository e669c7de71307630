namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The names of the health checks added by <c>AddConnctdConnectorChecks</c>; all carry the tag <see cref="Tag"/>.</summary>
public static class ConnctdHealthCheckNames
{
    /// <summary>The tag of every connector health check: <c>connctd</c>.</summary>
    public const string Tag = "connctd";

    /// <summary>Unhealthy when the store cannot be reached.</summary>
    public const string Store = "connctd-store";

    /// <summary>Degraded when the oldest outbox message is older than the threshold (the platform is not taking updates).</summary>
    public const string Outbox = "connctd-outbox";

    /// <summary>Degraded while the circuit breaker of platform calls is open.</summary>
    public const string PlatformCircuit = "connctd-platform-circuit";

    /// <summary>Degraded while an installation's or instance's upgrade hook keeps failing on this replica.</summary>
    public const string Upgrade = "connctd-upgrade";
}
