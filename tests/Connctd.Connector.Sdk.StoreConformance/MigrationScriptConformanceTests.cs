namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The rules every store's list of migration steps follows (versions without gaps, no transaction control).</summary>
public abstract class MigrationScriptConformanceTests
{
    /// <summary>The store's migration steps in order: version and SQL.</summary>
    protected abstract IEnumerable<(int Version, string Sql)> Migrations { get; }

    /// <summary>The schema version the store migrates to.</summary>
    protected abstract int SchemaVersion { get; }

    [Fact]
    public void All_Versions_StartAtOneWithoutGapsAndEndAtSchemaVersion()
    {
        Assert.Equal(Enumerable.Range(1, SchemaVersion), Migrations.Select(m => m.Version));
    }

    [Fact]
    public void All_Steps_DoNotManageTransactions()
    {
        Assert.All(Migrations, m =>
        {
            Assert.DoesNotContain("BEGIN", m.Sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("COMMIT", m.Sql, StringComparison.OrdinalIgnoreCase);
        });
    }
}
