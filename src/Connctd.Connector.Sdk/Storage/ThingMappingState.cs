namespace Connctd.Connector.Sdk.Storage;

/// <summary>The state of one thing of an instance. Stored as its number.</summary>
public enum ThingMappingState
{
    /// <summary>
    /// The create-thing call is about to be or has been sent and its answer is not recorded yet. Found after a
    /// restart, it means the outcome is unknown: the runtime never sends it again (a thing must never exist twice).
    /// </summary>
    Creating = 0,

    /// <summary>The platform created the thing; <see cref="ThingMapping.ThingId"/> holds its id.</summary>
    Created = 1,
}
