using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.PostgreSql.Tests.Internal;

public sealed class PostgreSqlMigrationsTests : MigrationScriptConformanceTests
{
    protected override IEnumerable<(int Version, string Sql)> Migrations => PostgreSqlMigrations.All.Select(m => (m.Version, m.Sql));

    protected override int SchemaVersion => PostgreSqlConnectorStore.SchemaVersion;

    [Fact]
    public void All_Steps_QualifyEveryTableWithTheSchema()
    {
        Assert.All(PostgreSqlMigrations.All, m =>
        {
            Assert.DoesNotMatch(@"(?i)\b(TABLE|ON|REFERENCES)\s+(?!\{schema\}\.)[a-z_]+\s*\(", m.Sql);
        });
    }
}
