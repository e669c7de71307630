using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Sqlite.Tests.Internal;

public sealed class SqliteValuesTests
{
    [Fact]
    public void FormatTime_AnyOffset_WritesUtcWithSevenFractionDigits()
    {
        var time = new DateTimeOffset(2024, 2, 29, 23, 30, 0, TimeSpan.FromHours(2)).AddTicks(1);

        Assert.Equal("2024-02-29T21:30:00.0000001Z", SqliteValues.FormatTime(time));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(9_999L)]
    [InlineData(638_500_000_123_456_789L)]
    public void ParseTime_FormattedValue_RoundTripsToTheTick(long ticks)
    {
        var time = new DateTimeOffset(ticks, TimeSpan.Zero);

        var parsed = SqliteValues.ParseTime(SqliteValues.FormatTime(time));

        Assert.Equal(time.UtcTicks, parsed.UtcTicks);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Fact]
    public void FormatTime_LaterTime_SortsLaterAsText()
    {
        var earlier = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.FromHours(-8));
        var later = new DateTimeOffset(2024, 1, 1, 18, 0, 0, TimeSpan.FromHours(1)).AddTicks(1);

        Assert.True(later > earlier);
        Assert.True(string.CompareOrdinal(SqliteValues.FormatTime(later), SqliteValues.FormatTime(earlier)) > 0);
    }

    [Fact]
    public void ParseConfiguration_FormattedValues_RoundTrip()
    {
        IReadOnlyList<ConfigurationValue> configuration = [new("a", "1"), new("b", "{\"json\":true}")];

        var json = SqliteValues.FormatConfiguration(configuration);

        Assert.Equal("[{\"id\":\"a\",\"value\":\"1\"},{\"id\":\"b\",\"value\":\"{\\u0022json\\u0022:true}\"}]", json);
        Assert.Equal(configuration, SqliteValues.ParseConfiguration(json));
    }
}
