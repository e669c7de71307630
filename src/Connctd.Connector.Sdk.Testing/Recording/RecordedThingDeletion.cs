namespace Connctd.Connector.Sdk.Testing;

/// <summary>A thing the connector deleted through the platform API.</summary>
/// <param name="ThingId">The thing.</param>
/// <param name="InstanceId">The instance that owned it.</param>
/// <param name="ReceivedAt">When the platform received the deletion.</param>
public sealed record RecordedThingDeletion(string ThingId, string InstanceId, DateTimeOffset ReceivedAt);
