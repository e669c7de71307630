namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The upgrade of one installation or instance in an <see cref="UpgradeReport"/>.</summary>
/// <param name="Kind"><c>installation</c> or <c>instance</c>.</param>
/// <param name="Id">The installation or instance id.</param>
/// <param name="InstallationId">The installation (the id itself for an installation).</param>
/// <param name="FromVersion">The version it was at (0 when never recorded).</param>
/// <param name="Outcome">What was (or, in a plan, would be) done.</param>
/// <param name="Error">Why the hook failed, or why it waits; null otherwise.</param>
public sealed record SubjectUpgradeReport(string Kind, string Id, string InstallationId, int FromVersion, UpgradeSubjectOutcome Outcome, string? Error);
