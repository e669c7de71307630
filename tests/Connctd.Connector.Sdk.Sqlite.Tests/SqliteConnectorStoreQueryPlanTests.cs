using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>Lookups the runtime makes per callback must use an index, whatever the number of things.</summary>
public sealed class SqliteConnectorStoreQueryPlanTests(TempDirectoryFixture directory) : StoreTestBase(directory)
{
    private const int ThingCount = 10_000;

    [Fact]
    public async Task FindThingAsync_AmongTenThousandThings_UsesThingIdIndex()
    {
        await SeedManyThingsAsync();

        var plan = await ExplainAsync(SqliteStatements.SelectThingByThingId, ("$thingId", "thing-7777"));
        var found = await Store.FindThingAsync("thing-7777", Ct);

        AssertSearch(plan, "ux_thing_mappings_thing_id");
        Assert.Equal(new ThingMapping("i1", "ext-7777", "thing-7777", ThingMappingState.Created, T0), found);
    }

    [Fact]
    public async Task FindThingByExternalIdAsync_AmongTenThousandThings_UsesPrimaryKey()
    {
        await SeedManyThingsAsync();

        var plan = await ExplainAsync(SqliteStatements.SelectThingByExternalId, ("$instanceId", "i2"), ("$externalId", "ext-4242"));
        var found = await Store.FindThingByExternalIdAsync("i2", "ext-4242", Ct);

        AssertSearch(plan, "PRIMARY KEY");
        Assert.Equal(new ThingMapping("i2", "ext-4242", "thing-i2-4242", ThingMappingState.Created, T0), found);
    }

    [Theory]
    [InlineData(nameof(SqliteStatements.ListThings), "PRIMARY KEY")]
    [InlineData(nameof(SqliteStatements.ListInstancesOfInstallation), "ix_instances_installation_id")]
    [InlineData(nameof(SqliteStatements.ListInstancesByThingCreation), "ix_instances_thing_creation")]
    [InlineData(nameof(SqliteStatements.DeleteActionsOlderThan), "ix_actions_updated_at")]
    [InlineData(nameof(SqliteStatements.SelectAction), "sqlite_autoindex_actions_1")]
    public async Task Statement_AfterInitialize_UsesIndex(string statement, string index)
    {
        await Store.InitializeAsync(Ct);
        var sql = (string)typeof(SqliteStatements).GetField(statement)!.GetValue(null)!;
        var parameters = new[] { "$instanceId", "$installationId", "$thingCreation", "$olderThan", "$id" }
            .Where(sql.Contains)
            .Select(name => (name, (object)"1"))
            .ToArray();

        var plan = await ExplainAsync(sql, parameters);

        AssertSearch(plan, index);
    }

    private static void AssertSearch(List<string> plan, string index)
    {
        var step = Assert.Single(plan);
        Assert.StartsWith("SEARCH ", step, StringComparison.Ordinal);
        Assert.Contains(index, step, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", step, StringComparison.Ordinal);
    }

    private async Task<List<string>> ExplainAsync(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = await Store.OpenSqliteConnectionAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = await command.ExecuteReaderAsync(Ct);
        var steps = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    /// <summary>Two instances with 10,000 created things each, written in one transaction (the store's API would commit each).</summary>
    private async Task SeedManyThingsAsync()
    {
        await SeedAsync("i1", "i2");
        using var connection = await Store.OpenSqliteConnectionAsync(Ct);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteStatements.CompleteThing;
        var instanceId = command.Parameters.Add("$instanceId", Microsoft.Data.Sqlite.SqliteType.Text);
        var externalId = command.Parameters.Add("$externalId", Microsoft.Data.Sqlite.SqliteType.Text);
        var thingId = command.Parameters.Add("$thingId", Microsoft.Data.Sqlite.SqliteType.Text);
        command.Parameters.AddWithValue("$state", (long)ThingMappingState.Created);
        command.Parameters.AddWithValue("$updatedAt", SqliteValues.FormatTime(T0));
        for (var i = 0; i < ThingCount; i++)
        {
            foreach (var instance in new[] { "i1", "i2" })
            {
                instanceId.Value = instance;
                externalId.Value = "ext-" + i;
                thingId.Value = instance == "i1" ? "thing-" + i : "thing-i2-" + i;
                await command.ExecuteNonQueryAsync(Ct);
            }
        }

        await transaction.CommitAsync(Ct);
        await QueryAsync("ANALYZE;");
    }
}
