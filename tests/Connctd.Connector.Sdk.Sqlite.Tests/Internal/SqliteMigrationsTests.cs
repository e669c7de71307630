using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests.Internal;

public sealed class SqliteMigrationsTests : MigrationScriptConformanceTests
{
    protected override IEnumerable<(int Version, string Sql)> Migrations => SqliteMigrations.All.Select(m => (m.Version, m.Sql));

    protected override int SchemaVersion => SqliteConnectorStore.SchemaVersion;
}
