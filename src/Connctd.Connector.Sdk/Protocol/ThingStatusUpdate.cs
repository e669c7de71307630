using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the update-thing-status call: <c>{"status":"AVAILABLE"}</c>.</summary>
/// <param name="Status">The new status.</param>
public sealed record ThingStatusUpdate(ThingStatus Status);
