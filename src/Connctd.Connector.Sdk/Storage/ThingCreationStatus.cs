namespace Connctd.Connector.Sdk.Storage;

/// <summary>How far the creation of an instance's things has come. Stored as its number.</summary>
public enum ThingCreationStatus
{
    /// <summary>Things are being created; after a restart the runtime resumes where it stopped.</summary>
    InProgress = 0,

    /// <summary>Every thing the connector described exists on the platform.</summary>
    Completed = 1,

    /// <summary>Creation stopped with an error; a repeated instantiation tries again.</summary>
    Failed = 2,

    /// <summary>Not started: the instance waits for a further step of the user (its things are created when it is reported complete).</summary>
    NotStarted = 3,
}
