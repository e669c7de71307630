namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>One step of the schema: applied once, in its own transaction, and recorded in <c>schema_version</c>.</summary>
/// <param name="Version">The schema version the step leads to (1, 2, 3, … without gaps).</param>
/// <param name="Description">A short description, recorded with the version.</param>
/// <param name="Sql">The statements of the step. They must not commit or begin transactions themselves.</param>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
