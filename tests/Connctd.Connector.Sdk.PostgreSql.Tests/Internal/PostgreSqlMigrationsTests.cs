namespace Connctd.Connector.Sdk.PostgreSql.Tests.Internal;

public sealed class PostgreSqlMigrationsTests
{
    [Fact]
    public void All_Versions_StartAtOneWithoutGapsAndEndAtSchemaVersion()
    {
        var versions = PostgreSqlMigrations.All.Select(m => m.Version);

        Assert.Equal(Enumerable.Range(1, PostgreSqlConnectorStore.SchemaVersion), versions);
    }

    [Fact]
    public void All_Steps_DoNotManageTransactions()
    {
        Assert.All(PostgreSqlMigrations.All, m =>
        {
            Assert.DoesNotContain("BEGIN", m.Sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("COMMIT", m.Sql, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void All_Steps_QualifyEveryTableWithTheSchema()
    {
        Assert.All(PostgreSqlMigrations.All, m =>
        {
            Assert.DoesNotMatch(@"(?i)\b(TABLE|ON|REFERENCES)\s+(?!\{schema\}\.)[a-z_]+\s*\(", m.Sql);
        });
    }
}
