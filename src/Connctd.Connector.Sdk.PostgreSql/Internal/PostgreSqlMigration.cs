namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>One step of the schema: applied once, inside the migration transaction, and recorded in <c>schema_version</c>.</summary>
/// <param name="Version">The schema version the step leads to (1, 2, 3, … without gaps).</param>
/// <param name="Description">A short description, recorded with the version.</param>
/// <param name="Sql">
/// The statements of the step, with <c>{schema}</c> where the quoted schema name goes. They must not commit or begin
/// transactions themselves.
/// </param>
internal sealed record PostgreSqlMigration(int Version, string Description, string Sql);
