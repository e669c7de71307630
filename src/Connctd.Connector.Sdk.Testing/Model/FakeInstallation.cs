using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>An installation as the fake platform holds it.</summary>
/// <param name="Id">The installation id.</param>
/// <param name="Token">The installation token the platform issued (a test secret; <see cref="ToString"/> never shows it).</param>
/// <param name="Configuration">The configuration values sent.</param>
/// <param name="State">The current state: from the connector's answer, then from what it reported through the state API.</param>
/// <param name="FurtherStep">The further step of a 202 answer, if any.</param>
/// <param name="IsRemoved">Whether it was uninstalled; its token is then refused.</param>
public sealed record FakeInstallation(
    string Id,
    string Token,
    IReadOnlyDictionary<string, string> Configuration,
    LifecycleState State,
    FurtherStep? FurtherStep,
    bool IsRemoved)
{
    /// <summary>Describes the installation without its token.</summary>
    /// <returns>For example <c>installation-1 (Complete)</c>.</returns>
    public override string ToString() => IsRemoved ? $"{Id} ({State}, removed)" : $"{Id} ({State})";
}
