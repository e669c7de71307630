using System.CommandLine;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>Options every command understands, and the environment variables behind them.</summary>
internal sealed class CommonOptions
{
    public const string ApiBaseVariable = "CONNCTD_API_BASE";
    public const string DefaultApiBase = "https://api.connctd.io";

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result (and any error) as JSON, for scripts.",
        Recursive = true,
    };

    public Option<Uri?> ApiBase { get; } = new("--api-base")
    {
        Description = $"The platform's address; the GraphQL endpoint is <base>/api/v1/query, the login <base>/api/v1/auth/login, the token endpoint <base>/oauth2/token. Default: ${ApiBaseVariable}, else {DefaultApiBase}.",
        Recursive = true,
        CustomParser = result => UriParsing.ParseAbsolute(result, "--api-base"),
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Json);
        root.Options.Add(ApiBase);
    }

    public Uri ResolveApiBase(ParseResult parse, CliEnvironment environment)
    {
        if (parse.GetValue(ApiBase) is { } fromOption)
        {
            return fromOption;
        }

        string text = environment.Variable(ApiBaseVariable) ?? DefaultApiBase;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliException($"{ApiBaseVariable} is not an absolute http(s) address.");
        }

        return uri;
    }
}
