namespace Connctd.Connector.Sdk.Sqlite.Tests.Internal;

public sealed class SqliteMigrationsTests
{
    [Fact]
    public void All_Versions_StartAtOneWithoutGapsAndEndAtSchemaVersion()
    {
        var versions = SqliteMigrations.All.Select(m => m.Version);

        Assert.Equal(Enumerable.Range(1, SqliteConnectorStore.SchemaVersion), versions);
    }

    [Fact]
    public void All_Steps_DoNotManageTransactions()
    {
        Assert.All(SqliteMigrations.All, m =>
        {
            Assert.DoesNotContain("BEGIN", m.Sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("COMMIT", m.Sql, StringComparison.OrdinalIgnoreCase);
        });
    }
}
