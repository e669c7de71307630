namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>Checks base addresses and builds request addresses under them.</summary>
internal static class UpstreamUrls
{
    /// <summary>Says what is wrong with an address, or returns <see langword="null"/> when it is usable as a base or token endpoint.</summary>
    public static string? Check(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return "is not absolute; use a full address such as https://api.example.com/v1/.";
        }

        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return "must use https (or http for a local stand-in).";
        }

        return url.Fragment.Length > 0 ? "must not have a fragment." : null;
    }

    /// <summary>Returns the base address with a trailing slash.</summary>
    public static Uri Normalize(Uri baseUrl) =>
        baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "/");

    /// <summary>
    /// Resolves a request address: a relative one is appended to the base (a leading slash is ignored); an absolute
    /// one must have the base's scheme, host and port, so credentials never travel elsewhere.
    /// </summary>
    public static Uri Resolve(Uri baseUrl, Uri? requestUri)
    {
        if (requestUri is null)
        {
            return baseUrl;
        }

        if (requestUri.IsAbsoluteUri)
        {
            if (Uri.Compare(requestUri, baseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new ArgumentException("The request address is not under the API's base address; credentials are only sent there.", nameof(requestUri));
            }

            return requestUri;
        }

        string relative = requestUri.OriginalString.TrimStart('/');
        return new Uri(baseUrl, relative);
    }

    /// <summary>Adds (or replaces) one query parameter, both escaped.</summary>
    public static Uri WithQueryParameter(Uri url, string name, string value)
    {
        string escapedName = Uri.EscapeDataString(name);
        string query = url.Query.Length > 1 ? url.Query[1..] : "";
        IEnumerable<string> kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !string.Equals(pair.Split('=', 2)[0], escapedName, StringComparison.Ordinal));
        string newQuery = string.Join('&', kept.Append(escapedName + "=" + Uri.EscapeDataString(value)));
        var builder = new UriBuilder(url) { Query = newQuery };
        return builder.Uri;
    }
}
