using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Storage;

/// <summary>An installation as the connector keeps it.</summary>
/// <param name="Id">The installation id.</param>
/// <param name="ProtectedToken">The installation token, encrypted by the runtime before it reaches the store.</param>
/// <param name="Configuration">The configuration values the installation was made with.</param>
/// <param name="State">The state the connector answered or last reported.</param>
/// <param name="CreatedAt">When the connector first stored it.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="AnswerJson">The body of the <c>202</c> answer given to the callback, so a repeated callback gets the same answer; null otherwise.</param>
public sealed record InstallationRecord(
    string Id,
    string ProtectedToken,
    IReadOnlyList<ConfigurationValue> Configuration,
    LifecycleState State,
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
