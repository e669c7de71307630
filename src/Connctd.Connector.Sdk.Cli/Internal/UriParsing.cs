using System.CommandLine.Parsing;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>Parses URL arguments (System.CommandLine 2 has no built-in parser for <see cref="Uri"/>).</summary>
internal static class UriParsing
{
    public static Uri? ParseAbsolute(ArgumentResult result, string name)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string text = result.Tokens[^1].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        result.AddError($"{name} must be an absolute http(s) URL, such as http://127.0.0.1:5000/connctd/installations.");
        return null;
    }
}
