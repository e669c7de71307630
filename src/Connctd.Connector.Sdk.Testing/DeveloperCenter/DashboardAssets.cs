namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>The dashboard's page, script and style sheet, embedded in this assembly: nothing is loaded from elsewhere.</summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, Asset> ByPath = new(StringComparer.Ordinal)
    {
        ["/"] = Load("index.html", "text/html; charset=utf-8"),
        ["/index.html"] = Load("index.html", "text/html; charset=utf-8"),
        ["/dashboard.js"] = Load("dashboard.js", "text/javascript; charset=utf-8"),
        ["/dashboard.css"] = Load("dashboard.css", "text/css; charset=utf-8"),
    };

    public static Asset? Find(string path) => ByPath.TryGetValue(path, out Asset? asset) ? asset : null;

    private static Asset Load(string name, string contentType)
    {
        using Stream stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("DeveloperCenter." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new Asset(buffer.ToArray(), contentType);
    }

    /// <summary>One asset with its content type.</summary>
    internal sealed record Asset(byte[] Content, string ContentType);
}
