namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Names a thing of this connector, either by the platform's thing id or by the instance and the connector's
/// own external id (handy when a device reports by its serial number).
/// </summary>
public readonly record struct ThingReference
{
    private ThingReference(string? thingId, string? instanceId, string? externalId)
    {
        ThingId = thingId;
        InstanceId = instanceId;
        ExternalId = externalId;
    }

    /// <summary>The platform's thing id, when named by it.</summary>
    public string? ThingId { get; }

    /// <summary>The instance, when named by external id.</summary>
    public string? InstanceId { get; }

    /// <summary>The connector's own id of the thing, when named by it.</summary>
    public string? ExternalId { get; }

    /// <summary>Names a thing by the platform's thing id.</summary>
    /// <param name="thingId">The platform's thing id.</param>
    /// <returns>The reference.</returns>
    public static ThingReference ById(string thingId)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        return new(thingId, null, null);
    }

    /// <summary>Names a thing by its instance and the connector's own external id.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="externalId">The external id the thing was created with.</param>
    /// <returns>The reference.</returns>
    public static ThingReference ByExternalId(string instanceId, string externalId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(externalId);
        return new(null, instanceId, externalId);
    }

    /// <inheritdoc />
    public override string ToString() => ThingId is not null ? $"thing {ThingId}" : $"thing {ExternalId} of instance {InstanceId}";
}
