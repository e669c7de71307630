using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Storage;

/// <summary>An instance as the connector keeps it.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="InstallationId">The installation it belongs to; the store removes the instance with it.</param>
/// <param name="ProtectedToken">The instance token, encrypted by the runtime before it reaches the store.</param>
/// <param name="Configuration">The customer configuration values the instance was made with.</param>
/// <param name="State">The state the connector answered or last reported.</param>
/// <param name="ThingCreation">How far the creation of the instance's things has come.</param>
/// <param name="CreatedAt">When the connector first stored it.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="AnswerJson">The body of the <c>202</c> answer given to the callback, so a repeated callback gets the same answer; null otherwise.</param>
public sealed record InstanceRecord(
    string Id,
    string InstallationId,
    string ProtectedToken,
    IReadOnlyList<ConfigurationValue> Configuration,
    LifecycleState State,
    ThingCreationStatus ThingCreation,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? AnswerJson = null)
{
    /// <summary>
    /// The ids of the <see cref="Configuration"/> values that are stored encrypted by the runtime (the values of
    /// parameters the configuration schema declares <c>PASSWORD</c>); <see langword="null"/> for a record written
    /// before the store kept them, whose values the runtime encrypts at its next start.
    /// </summary>
    public IReadOnlyList<string>? ProtectedConfigurationIds { get; init; }
}
