using System.Globalization;

namespace Connctd.Connector.Sdk.Signing.Internal;

/// <summary>
/// Reads the <c>Date</c> header of a callback for the freshness check. The platform sends an HTTP-date; the Go SDK
/// signs whatever string it is given, so an RFC 3339 timestamp with an explicit offset (<c>2020-10-07T10:00:00Z</c>) is
/// accepted too — the signature covers the string either way, and the clock-skew window applies to both.
/// </summary>
internal static class SignedDate
{
    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        if (HttpDate.TryParse(value, out result))
        {
            return true;
        }

        if (value is null || value.Length > 64 || !(value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 9))
        {
            result = default;
            return false;
        }

        return DateTimeOffset.TryParseExact(value.Trim(), Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
    }
}
