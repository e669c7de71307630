namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// Links a thing of an instance, keyed by the connector's external id, to the platform's thing id.
/// Unique per (instance, external id) and per thing id.
/// </summary>
/// <param name="InstanceId">The instance the thing belongs to.</param>
/// <param name="ExternalId">The connector's own id of the thing.</param>
/// <param name="ThingId">The platform's thing id; null while <see cref="State"/> is <see cref="ThingMappingState.Creating"/>.</param>
/// <param name="State">Whether the thing exists on the platform.</param>
/// <param name="UpdatedAt">When the mapping last changed.</param>
/// <param name="TemplateHash">
/// A hash of the structure of the template the thing was created from, so a new connector version can tell which
/// things changed; null for things created before it was recorded.
/// </param>
public sealed record ThingMapping(
    string InstanceId,
    string ExternalId,
    string? ThingId,
    ThingMappingState State,
    DateTimeOffset UpdatedAt,
    string? TemplateHash = null);
