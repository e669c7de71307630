using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>A thing status the connector sent and the platform accepted.</summary>
/// <param name="ThingId">The thing.</param>
/// <param name="InstanceId">The instance that owns the thing.</param>
/// <param name="Status">The status sent.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
public sealed record RecordedThingStatus(string ThingId, string InstanceId, ThingStatus Status, DateTimeOffset ReceivedAt);
