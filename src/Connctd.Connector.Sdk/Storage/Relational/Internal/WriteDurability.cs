namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>What a write must survive before its caller continues.</summary>
internal enum WriteDurability
{
    /// <summary>The end of the process: the commit reached the database (the operating system holds it), not yet the disk.</summary>
    ProcessCrash,

    /// <summary>A power loss: the commit reached stable storage (SQLite's <c>synchronous = FULL</c>, PostgreSQL's <c>synchronous_commit</c>).</summary>
    PowerLoss,
}
