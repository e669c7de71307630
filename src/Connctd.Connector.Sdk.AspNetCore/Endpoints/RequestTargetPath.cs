namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>
/// The path of a raw request target as a server routes it: the query dropped, each segment percent-decoded once
/// (<c>%2F</c> too, so an id may hold a '/'; <c>%25</c> is a literal '%'), and dot segments removed as RFC 3986
/// 5.2.4 and Kestrel do (a <c>.</c> or <c>..</c> that ends the path leaves a trailing empty segment).
/// </summary>
internal static class RequestTargetPath
{
    /// <summary>Splits <paramref name="rawTarget"/> (origin form <c>/a/b?q</c>, or absolute form <c>https://host/a/b</c>) into decoded segments.</summary>
    public static List<string> Segments(string rawTarget)
    {
        ReadOnlySpan<char> path = PathOf(rawTarget);
        var segments = new List<string>();
        if (path.Length <= 1)
        {
            return segments;
        }

        path = path[1..];
        while (true)
        {
            int slash = path.IndexOf('/');
            bool last = slash < 0;
            string segment = Uri.UnescapeDataString(last ? path : path[..slash]);
            if (segment is "." or "..")
            {
                if (segment == ".." && segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                if (last)
                {
                    segments.Add("");
                }
            }
            else
            {
                segments.Add(segment);
            }

            if (last)
            {
                return segments;
            }

            path = path[(slash + 1)..];
        }
    }

    /// <summary>The last segment, ignoring one trailing slash (<c>/installations/a%2Fb/</c> → <c>a/b</c>); empty when there is none.</summary>
    public static string LastSegment(string rawTarget)
    {
        List<string> segments = Segments(rawTarget);
        if (segments.Count > 1 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return segments.Count == 0 ? "" : segments[^1];
    }

    /// <summary>The path part of the raw target, without query or fragment; <c>/</c> for an absolute form without a path.</summary>
    public static ReadOnlySpan<char> PathOf(string rawTarget)
    {
        ReadOnlySpan<char> target = rawTarget;
        int end = target.IndexOfAny('?', '#');
        if (end >= 0)
        {
            target = target[..end];
        }

        if (target.Length > 0 && target[0] != '/')
        {
            int authority = target.IndexOf("://", StringComparison.Ordinal);
            if (authority >= 0)
            {
                target = target[(authority + 3)..];
                int slash = target.IndexOf('/');
                target = slash < 0 ? "/" : target[slash..];
            }
        }

        return target;
    }
}
