namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>Checks and normalises the platform base address and builds escaped call paths.</summary>
internal static class PlatformUrls
{
    /// <summary>Says what is wrong with a base address, or returns <see langword="null"/> when it is usable.</summary>
    public static string? Check(Uri baseUrl)
    {
        if (!baseUrl.IsAbsoluteUri)
        {
            return "is not absolute; use a full address such as https://connectors.connctd.io/api/v1/.";
        }

        if (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)
        {
            return "must use https (or http for a local test platform).";
        }

        if (baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            return "must not have a query or fragment.";
        }

        return null;
    }

    /// <summary>Returns the base address with a trailing slash, so relative call paths are appended to it.</summary>
    /// <exception cref="ArgumentException">The address is not usable (see <see cref="Check"/>).</exception>
    public static Uri Normalize(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (Check(baseUrl) is { } problem)
        {
            throw new ArgumentException($"The platform base address '{baseUrl.OriginalString}' {problem}", nameof(baseUrl));
        }

        return baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "/");
    }

    /// <summary>
    /// Appends an already escaped relative path to the (normalised) base address. Canonicalisation is turned off for
    /// the result, so the escaped segments travel exactly as built: <see cref="Uri"/> would otherwise decode
    /// <c>%2E%2E</c> and collapse it with its parent segment.
    /// </summary>
    public static Uri Combine(Uri baseUrl, string escapedRelativePath) =>
        new(baseUrl.AbsoluteUri + escapedRelativePath, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>
    /// Escapes an id for use as one path segment: every reserved character is percent-encoded (so <c>/</c>,
    /// <c>?</c>, <c>#</c>, <c>%</c> and spaces cannot change the path), and the dot segments <c>.</c> and <c>..</c>
    /// are encoded too, so they cannot be collapsed.
    /// </summary>
    public static string Segment(string id) => id switch
    {
        "." => "%2E",
        ".." => "%2E%2E",
        _ => Uri.EscapeDataString(id),
    };
}
