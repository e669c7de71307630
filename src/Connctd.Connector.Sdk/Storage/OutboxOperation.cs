namespace Connctd.Connector.Sdk.Storage;

/// <summary>The platform call an outbox message stands for. Stored as its number.</summary>
public enum OutboxOperation
{
    /// <summary>Update a property value (<c>PUT …/things/{id}/components/{c}/properties/{p}</c>); coalesced per property.</summary>
    UpdatePropertyValue = 1,

    /// <summary>Update a thing's status; coalesced per thing.</summary>
    UpdateThingStatus = 2,

    /// <summary>Delete a thing.</summary>
    DeleteThing = 3,

    /// <summary>Report the result of a pending action; never coalesced.</summary>
    UpdateActionRequest = 4,

    /// <summary>Report an installation's state.</summary>
    UpdateInstallationState = 5,

    /// <summary>Report an instance's state.</summary>
    UpdateInstanceState = 6,
}
