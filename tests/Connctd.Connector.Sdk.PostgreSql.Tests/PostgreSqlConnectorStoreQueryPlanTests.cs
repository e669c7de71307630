using System.Text.RegularExpressions;
using Connctd.Connector.Sdk.Storage;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>Lookups the runtime makes per callback or per delivery must use an index, whatever the number of rows.</summary>
public sealed class PostgreSqlConnectorStoreQueryPlanTests : StoreTestBase
{
    private const int ThingCount = 10_000;

    [Fact]
    public async Task FindThingAsync_AmongTenThousandThingsAfterAnalyze_UsesThingIdIndex()
    {
        await SeedManyThingsAsync();

        var plan = await ExplainAsync(Store.Sql.SelectThingByThingId, enableSequentialScans: true, ("thingId", "thing-7777"));
        var found = await Store.FindThingAsync("thing-7777", Ct);

        AssertIndexScan(plan, "ux_thing_mappings_thing_id");
        Assert.Equal(new ThingMapping("i1", "ext-7777", "thing-7777", ThingMappingState.Created, T0), found);
    }

    [Fact]
    public async Task FindThingByExternalIdAsync_AmongTenThousandThingsAfterAnalyze_UsesPrimaryKey()
    {
        await SeedManyThingsAsync();

        var plan = await ExplainAsync(
            Store.Sql.SelectThingByExternalId, enableSequentialScans: true, ("instanceId", "i2"), ("externalId", "ext-4242"));
        var found = await Store.FindThingByExternalIdAsync("i2", "ext-4242", Ct);

        AssertIndexScan(plan, "pk_thing_mappings");
        Assert.Equal(new ThingMapping("i2", "ext-4242", "thing-i2-4242", ThingMappingState.Created, T0), found);
    }

    /// <summary>
    /// On small tables PostgreSQL rightly prefers a sequential scan, so these plans are taken with sequential scans
    /// switched off: what is checked is that an index serving the statement exists.
    /// </summary>
    [Theory]
    [InlineData(nameof(PostgreSqlStatements.ListThings), "pk_thing_mappings")]
    [InlineData(nameof(PostgreSqlStatements.ListInstancesOfInstallation), "ix_instances_installation_id")]
    [InlineData(nameof(PostgreSqlStatements.ListInstancesByThingCreation), "ix_instances_thing_creation")]
    [InlineData(nameof(PostgreSqlStatements.DeleteActionsOlderThan), "ix_actions_updated_at")]
    [InlineData(nameof(PostgreSqlStatements.SelectAction), "pk_actions")]
    [InlineData(nameof(PostgreSqlStatements.SelectInstallation), "pk_installations")]
    [InlineData(nameof(PostgreSqlStatements.SelectInstance), "pk_instances")]
    [InlineData(nameof(PostgreSqlStatements.CoalesceMessage), "ix_outbox_coalescing_key")]
    [InlineData(nameof(PostgreSqlStatements.CompleteMessage), "pk_outbox")]
    [InlineData(nameof(PostgreSqlStatements.LeaseMessages), "ix_outbox_ordering_key")]
    [InlineData(nameof(PostgreSqlStatements.LeaseMessages), "ix_outbox_leased")]
    public async Task Statement_AfterInitialize_CanUseIndex(string statement, string index)
    {
        await Store.InitializeAsync(Ct);
        var sql = (string)typeof(PostgreSqlStatements).GetProperty(statement)!.GetValue(Store.Sql)!;
        var parameters = ParametersFor(sql);

        var plan = await ExplainAsync(sql, enableSequentialScans: false, parameters);

        Assert.Contains(plan, line => Regex.IsMatch(line, "(Index Scan|Index Only Scan)( Backward)? using " + index + @"\b|Bitmap Index Scan on " + index + @"\b"));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private static (string Name, object Value)[] ParametersFor(string sql)
    {
        var values = new Dictionary<string, object>
        {
            ["instanceId"] = "i1",
            ["installationId"] = "inst",
            ["thingCreation"] = 0,
            ["olderThan"] = T0,
            ["id"] = "1",
            ["coalescingKey"] = "k",
            ["payload"] = "{}",
            ["owner"] = "a",
            ["now"] = T0,
            ["maxCount"] = 10,
            ["leaseExpiresAt"] = T0,
        };
        return values
            .Where(pair => sql.Contains("@" + pair.Key, StringComparison.Ordinal))
            .Select(pair => (pair.Key, pair.Key == "id" && sql.Contains("outbox", StringComparison.Ordinal) ? 1L : pair.Value))
            .ToArray();
    }

    private static void AssertIndexScan(List<string> plan, string index)
    {
        Assert.Matches("^(Index Scan|Index Only Scan)( Backward)? using " + index + " ", plan[0]);
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private async Task<List<string>> ExplainAsync(string sql, bool enableSequentialScans, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Store.OpenNpgsqlConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        if (!enableSequentialScans)
        {
            await using var off = new NpgsqlCommand("SET LOCAL enable_seqscan = off;", connection, transaction);
            await off.ExecuteNonQueryAsync(Ct);
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DateTimeOffset time
                ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = time }
                : new NpgsqlParameter(name, value));
        }

        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0).Trim().TrimStart('-', '>', ' '));
        }

        return lines;
    }

    /// <summary>Two instances with 10,000 created things each, written in one statement, then ANALYZE.</summary>
    private async Task SeedManyThingsAsync()
    {
        await SeedAsync("i1", "i2");
        await QueryAsync(
            """
            INSERT INTO {schema}.thing_mappings (instance_id, external_id, thing_id, state, updated_at)
            SELECT 'i1', 'ext-' || n, 'thing-' || n, 1, @at FROM generate_series(0, @count - 1) AS n
            UNION ALL
            SELECT 'i2', 'ext-' || n, 'thing-i2-' || n, 1, @at FROM generate_series(0, @count - 1) AS n;
            ANALYZE {schema}.thing_mappings;
            """,
            ("at", T0),
            ("count", ThingCount));
        Assert.Equal(2 * ThingCount, await CountAsync("thing_mappings"));
    }
}
