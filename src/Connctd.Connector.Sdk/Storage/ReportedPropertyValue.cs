namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// The last value the connector reported for one property of one of its things, kept so that a thing re-created by the
/// thing re-sync starts with the values it had rather than its template's.
/// </summary>
/// <param name="InstanceId">The instance that owns the thing.</param>
/// <param name="ExternalId">The connector's own id of the thing (stable across a re-creation, unlike the platform's id).</param>
/// <param name="ComponentId">The component.</param>
/// <param name="PropertyId">The property.</param>
/// <param name="Value">The value as sent to the platform.</param>
/// <param name="ObservedAt">When the device measured it; of two reports the later one is kept.</param>
public sealed record ReportedPropertyValue(string InstanceId, string ExternalId, string ComponentId, string PropertyId, string Value, DateTimeOffset ObservedAt);
