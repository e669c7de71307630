namespace Connctd.Connector.Sdk.Testing;

/// <summary>A property value the connector sent and the platform accepted.</summary>
/// <param name="ThingId">The thing.</param>
/// <param name="InstanceId">The instance that owns the thing.</param>
/// <param name="ComponentId">The component.</param>
/// <param name="PropertyId">The property.</param>
/// <param name="Value">The value, as sent.</param>
/// <param name="LastUpdate">The <c>lastUpdate</c> the connector sent (when the device measured the value).</param>
/// <param name="ReceivedAt">When the platform received it.</param>
public sealed record RecordedPropertyUpdate(
    string ThingId,
    string InstanceId,
    string ComponentId,
    string PropertyId,
    string Value,
    DateTimeOffset LastUpdate,
    DateTimeOffset ReceivedAt);
