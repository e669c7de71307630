using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>An instance as the fake platform holds it.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="InstallationId">The installation it belongs to.</param>
/// <param name="Token">The instance token the platform issued (a test secret; <see cref="ToString"/> never shows it).</param>
/// <param name="Configuration">The customer configuration values sent.</param>
/// <param name="State">The current state: from the connector's answer, then from what it reported through the state API.</param>
/// <param name="FurtherStep">The further step of a 202 answer, if any.</param>
/// <param name="IsRemoved">Whether it was removed; its token is then refused and its things are deleted.</param>
public sealed record FakeInstance(
    string Id,
    string InstallationId,
    string Token,
    IReadOnlyDictionary<string, string> Configuration,
    LifecycleState State,
    FurtherStep? FurtherStep,
    bool IsRemoved)
{
    /// <summary>Describes the instance without its token.</summary>
    /// <returns>For example <c>instance-1 of installation-1 (Complete)</c>.</returns>
    public override string ToString() => IsRemoved ? $"{Id} of {InstallationId} ({State}, removed)" : $"{Id} of {InstallationId} ({State})";
}
