namespace Connctd.Connector.Sdk.Protocol;

/// <summary>
/// The state of an installation or an instance, as numbered by the platform. A connector may only report
/// <see cref="Complete"/>, <see cref="Ongoing"/> or <see cref="Failed"/>; the others are set by the platform.
/// Numbers the SDK does not know are kept as they are.
/// </summary>
public enum LifecycleState
{
    /// <summary>No state, or one the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>Created by the platform; the connector has not answered yet.</summary>
    Initialized = 1,

    /// <summary>Set up completely.</summary>
    Complete = 2,

    /// <summary>More steps are needed (for example a consent page); the connector reports the final state later.</summary>
    Ongoing = 3,

    /// <summary>The connector refused the configuration.</summary>
    Failed = 4,

    /// <summary>The connector answered something the platform could not use.</summary>
    Error = 5,

    /// <summary>The platform failed internally.</summary>
    InternalError = 6,

    /// <summary>The platform is removing it.</summary>
    RemovalOngoing = 7,
}
