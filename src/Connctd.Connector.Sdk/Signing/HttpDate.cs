using System.Globalization;

namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// Formats and parses HTTP-dates (RFC 9110, section 5.6.7), the format of the <c>Date</c> header the
/// platform signs, for example <c>Wed, 07 Oct 2020 10:00:00 GMT</c>.
/// </summary>
public static class HttpDate
{
    // Longest accepted form is RFC 850 with a long day name ("Wednesday, 07-Oct-20 10:00:00 GMT", 33 chars);
    // anything much longer is not a date and is refused before any parsing work.
    private const int MaxLength = 64;

    private const string Rfc850Format = "dddd, dd'-'MMM'-'yy HH':'mm':'ss 'GMT'";

    private const string AscTimeFormat = "ddd MMM d HH':'mm':'ss yyyy";

    /// <summary>Formats <paramref name="value"/> as an RFC 1123 HTTP-date in UTC, to the second.</summary>
    /// <param name="value">The instant to format; its offset is converted to UTC.</param>
    /// <returns>For example <c>Wed, 07 Oct 2020 10:00:00 GMT</c>.</returns>
    public static string Format(DateTimeOffset value)
        => value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an HTTP-date: the preferred RFC 1123 form (<c>Wed, 07 Oct 2020 10:00:00 GMT</c>) and the two
    /// obsolete forms recipients must still accept, RFC 850 (<c>Wednesday, 07-Oct-20 10:00:00 GMT</c>) and
    /// asctime (<c>Wed Oct  7 10:00:00 2020</c>). The day name must match the date.
    /// </summary>
    /// <param name="value">The header value; surrounding whitespace is ignored.</param>
    /// <param name="result">The parsed instant, with a zero offset (UTC).</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is an HTTP-date.</returns>
    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        result = default;
        if (value is null)
        {
            return false;
        }

        var span = value.AsSpan().Trim();
        if (span.IsEmpty || span.Length > MaxLength)
        {
            return false;
        }

        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParseExact(span, "r", CultureInfo.InvariantCulture, Utc, out result)
            || DateTimeOffset.TryParseExact(span, Rfc850Format, CultureInfo.InvariantCulture, Utc, out result)
            || DateTimeOffset.TryParseExact(
                span, AscTimeFormat, CultureInfo.InvariantCulture, Utc | DateTimeStyles.AllowInnerWhite, out result);
    }
}
