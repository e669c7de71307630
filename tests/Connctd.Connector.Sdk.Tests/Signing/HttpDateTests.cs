using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Tests.Signing;

public class HttpDateTests
{
    private static readonly DateTimeOffset October7 = new(2020, 10, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_Utc_Rfc1123()
    {
        Assert.Equal("Wed, 07 Oct 2020 10:00:00 GMT", HttpDate.Format(October7));
    }

    [Fact]
    public void Format_OtherOffsetAndFraction_UtcToTheSecond()
    {
        var value = new DateTimeOffset(2020, 10, 7, 12, 0, 0, 999, TimeSpan.FromHours(2));

        Assert.Equal("Wed, 07 Oct 2020 10:00:00 GMT", HttpDate.Format(value));
    }

    [Theory]
    [InlineData("Wed, 07 Oct 2020 10:00:00 GMT")]
    [InlineData("Wednesday, 07-Oct-20 10:00:00 GMT")]
    [InlineData("Wed Oct  7 10:00:00 2020")]
    [InlineData(" Wed, 07 Oct 2020 10:00:00 GMT ")]
    public void TryParse_HttpDateForms_ParsedAsUtc(string text)
    {
        Assert.True(HttpDate.TryParse(text, out var value));
        Assert.Equal(October7, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void TryParse_RfcExample_Parsed()
    {
        Assert.True(HttpDate.TryParse("Sun, 06 Nov 1994 08:49:37 GMT", out var value));
        Assert.Equal(new DateTimeOffset(1994, 11, 6, 8, 49, 37, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2020-10-07T10:00:00Z")]
    [InlineData("Thu, 07 Oct 2020 10:00:00 GMT")]
    [InlineData("Wed, 07 Oct 2020 10:00:00 CET")]
    [InlineData("Wed, 07 Oct 2020 10:00:00 +0200")]
    [InlineData("Wed, 07 Oct 2020 10:00:60 GMT")]
    [InlineData("Wed, 07 Oct 2020 10:00 GMT")]
    [InlineData("Wed, 07 Oct 2020 10:00:00 GMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMTGMT")]
    public void TryParse_NotHttpDate_False(string? text)
    {
        Assert.False(HttpDate.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_FormatOutput_RoundTrips()
    {
        var now = new DateTimeOffset(2031, 2, 28, 23, 59, 59, TimeSpan.Zero);

        Assert.True(HttpDate.TryParse(HttpDate.Format(now), out var parsed));
        Assert.Equal(now, parsed);
    }
}
