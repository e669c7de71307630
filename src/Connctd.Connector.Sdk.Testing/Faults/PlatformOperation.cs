namespace Connctd.Connector.Sdk.Testing;

/// <summary>The calls of the platform API a connector makes; used to record requests and to aim faults at one kind of call.</summary>
public enum PlatformOperation
{
    /// <summary>A path or method the platform API does not serve.</summary>
    Unknown = 0,

    /// <summary><c>POST connectorhub/callback/instances/things</c>.</summary>
    CreateThing,

    /// <summary><c>PUT connectorhub/callback/instances/things/{thingId}/components/{componentId}/properties/{propertyId}</c>.</summary>
    UpdateProperty,

    /// <summary><c>PUT connectorhub/callback/instances/things/{thingId}/status</c>.</summary>
    UpdateThingStatus,

    /// <summary><c>DELETE connectorhub/callback/instances/things/{thingId}</c>.</summary>
    DeleteThing,

    /// <summary><c>PUT connectorhub/callback/instances/actions/requests/{actionRequestId}</c>.</summary>
    UpdateActionRequest,

    /// <summary><c>POST connectorhub/callback/installations/state</c>.</summary>
    UpdateInstallationState,

    /// <summary><c>POST connectorhub/callback/instances/state</c>.</summary>
    UpdateInstanceState,
}
