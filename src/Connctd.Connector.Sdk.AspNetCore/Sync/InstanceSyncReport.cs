namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What a re-sync finds (or did) for one instance. Lists hold external ids.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Missing">Described by the connector but not created yet: created.</param>
/// <param name="Changed">Created from a template whose structure has changed since: deleted and created again (the platform has no update of a thing's structure).</param>
/// <param name="Obsolete">Created but no longer described: deleted.</param>
/// <param name="Adopted">Created before template hashes were recorded: their current template is recorded, nothing is re-created.</param>
/// <param name="Error">Why the instance could not be brought in line, or null.</param>
public sealed record InstanceSyncReport(
    string InstanceId,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Obsolete,
    IReadOnlyList<string> Adopted,
    string? Error)
{
    /// <summary>True when nothing needs to change.</summary>
    public bool IsInLine => Missing.Count == 0 && Changed.Count == 0 && Obsolete.Count == 0 && Error is null;
}
