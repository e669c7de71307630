namespace Connctd.Connector.Sdk.Things;

/// <summary>
/// A thing the connector wants to exist for an instance, keyed by an id of the connector's own choosing
/// (the device's serial number, <c>lamp-1</c>). The external id makes thing creation idempotent: the SDK
/// creates at most one platform thing per instance and external id, also across restarts.
/// </summary>
/// <param name="ExternalId">The connector's own id of the thing, unique within the instance.</param>
/// <param name="Thing">The thing to create.</param>
public sealed record ThingTemplate(string ExternalId, Thing Thing);
