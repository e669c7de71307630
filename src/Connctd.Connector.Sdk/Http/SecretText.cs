namespace Connctd.Connector.Sdk.Http;

/// <summary>Cleans text a server sent before it goes into an exception: empty becomes null, long text is cut, secrets it echoed are masked.</summary>
internal static class SecretText
{
    private const int MaxLength = 500;

    /// <summary>Cleans <paramref name="value"/>.</summary>
    /// <param name="value">The text the server sent.</param>
    /// <param name="secrets">The secrets the request carried; each is replaced by <c>***</c>.</param>
    /// <returns>The cleaned text, or <see langword="null"/> when there is none.</returns>
    public static string? Clean(string? value, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (string? secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && value.Contains(secret, StringComparison.Ordinal))
            {
                value = value.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return value.Length > MaxLength ? value[..MaxLength] + "…" : value;
    }
}
