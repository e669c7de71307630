using System.Text.RegularExpressions;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.PostgreSql.Tests.Internal;

public sealed class PostgreSqlValuesTests
{
    [Theory]
    [InlineData(638_500_000_123_456_789L, 638_500_000_123_456_780L)]
    [InlineData(638_500_000_123_456_780L, 638_500_000_123_456_780L)]
    [InlineData(9L, 0L)]
    public void ToDatabaseTime_AnyTicks_DropsBelowTheMicrosecondInUtc(long ticks, long expected)
    {
        var time = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(ticks > 1_000_000_000 ? 5 : 0));

        var stored = PostgreSqlValues.ToDatabaseTime(time);

        Assert.Equal(expected, stored.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Fact]
    public void ParseConfiguration_FormattedValues_RoundTrip()
    {
        IReadOnlyList<ConfigurationValue> configuration = [new("a", "1"), new("b", "{\"json\":true}")];

        var json = PostgreSqlValues.FormatConfiguration(configuration);

        Assert.Equal(configuration, PostgreSqlValues.ParseConfiguration(json));
    }

    [Fact]
    public void Statements_EverySqlText_QualifiesTablesWithTheQuotedSchema()
    {
        var statements = new PostgreSqlStatements("\"s\"");
        string[] notTables = ["moved", "requeued", "candidates", "inserted", "pg_catalog"];

        var texts = typeof(PostgreSqlStatements).GetProperties()
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => (string)p.GetValue(statements)!)
            .ToList();

        Assert.True(texts.Count > 30);
        Assert.All(texts, sql =>
        {
            Assert.DoesNotContain("{schema}", sql, StringComparison.Ordinal);
            foreach (Match match in Regex.Matches(sql, @"\b(?:FROM|INTO|UPDATE|JOIN)\s+(""s""\.)?([a-z_]+)"))
            {
                Assert.True(match.Groups[1].Success || notTables.Contains(match.Groups[2].Value), match.Value);
            }
        });
    }
}
