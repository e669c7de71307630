using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>A thing the connector created, as the platform holds it now.</summary>
/// <param name="ThingId">The id the platform assigned (<c>thing-1</c>, <c>thing-2</c>, … in order of creation).</param>
/// <param name="InstanceId">The instance whose token created it.</param>
/// <param name="Thing">The thing as the platform holds it now: its id, status and property values updated by what the connector sent since.</param>
/// <param name="AsCreated">The thing exactly as the connector sent it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="DeletedAt">When it was deleted (by the connector, or by the platform with its instance); <see langword="null"/> while it exists.</param>
public sealed record RecordedThing(
    string ThingId,
    string InstanceId,
    Thing Thing,
    Thing AsCreated,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt)
{
    /// <summary>Whether the thing was deleted.</summary>
    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Returns the current value of a property, or <see langword="null"/> when the thing has no such property.</summary>
    /// <param name="componentId">The component id.</param>
    /// <param name="propertyId">The property id.</param>
    /// <returns>The value as a string.</returns>
    public string? GetPropertyValue(string componentId, string propertyId) =>
        Thing.Components.FirstOrDefault(component => component.Id == componentId)?
            .Properties.FirstOrDefault(property => property.Id == propertyId)?.Value;
}
