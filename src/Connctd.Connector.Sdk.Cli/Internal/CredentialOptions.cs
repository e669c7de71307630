using System.CommandLine;
using Connctd.Connector.Sdk.Management;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>
/// Where the tool gets tokens: a developer login (email, password) or a service client (id, secret), or ready tokens.
/// Secrets come only from environment variables or standard input.
/// </summary>
internal sealed class CredentialOptions
{
    public const string DeveloperTokenVariable = "CONNCTD_DEVELOPER_TOKEN";
    public const string EmailVariable = "CONNCTD_EMAIL";
    public const string PasswordVariable = "CONNCTD_PASSWORD";
    public const string ServiceTokenVariable = "CONNCTD_SERVICE_TOKEN";
    public const string ClientIdVariable = "CONNCTD_CLIENT_ID";
    public const string ClientSecretVariable = "CONNCTD_CLIENT_SECRET";
    public const string ScopesVariable = "CONNCTD_SCOPES";

    public Option<string?> Email { get; } = new("--email")
    {
        Description = $"The developer account's email. Default: ${EmailVariable}.",
    };

    public Option<bool> PasswordFromStandardInput { get; } = new("--password-stdin")
    {
        Description = $"Read the developer password from the first line of standard input instead of ${PasswordVariable}.",
    };

    public Option<string?> ClientId { get; } = new("--client-id")
    {
        Description = $"The app's OAuth2 client id. Default: ${ClientIdVariable}.",
    };

    public Option<bool> ClientSecretFromStandardInput { get; } = new("--client-secret-stdin")
    {
        Description = $"Read the client secret from the first line of standard input instead of ${ClientSecretVariable}.",
    };

    public Option<string[]> Scopes { get; } = new("--scope")
    {
        Description = $"An OAuth2 scope to ask for; repeat for several. Default: ${ScopesVariable} (space-separated), else none.",
    };

    public void AddDeveloperTo(Command command)
    {
        command.Options.Add(Email);
        command.Options.Add(PasswordFromStandardInput);
    }

    public void AddServiceTo(Command command)
    {
        command.Options.Add(ClientId);
        command.Options.Add(ClientSecretFromStandardInput);
        command.Options.Add(Scopes);
    }

    public async Task ApplyAsync(
        ManagementTokenKind kind, ManagementClientOptions options, ParseResult parse, CliEnvironment environment, StandardInput input, CancellationToken cancellationToken)
    {
        if (kind == ManagementTokenKind.Developer)
        {
            if (environment.Variable(DeveloperTokenVariable) is { } token && parse.GetValue(Email) is null)
            {
                options.Developer.Token = token;
                return;
            }

            options.Developer.Email = parse.GetValue(Email) ?? environment.Variable(EmailVariable)
                ?? throw new CliException($"No developer credentials: set {EmailVariable} (or --email) and {PasswordVariable} (or --password-stdin), or {DeveloperTokenVariable}.");
            options.Developer.Password = parse.GetValue(PasswordFromStandardInput)
                ? await input.ReadSecretLineAsync("password", cancellationToken).ConfigureAwait(false)
                : environment.Variable(PasswordVariable)
                    ?? throw new CliException($"No developer password: set {PasswordVariable}, or pipe it in with --password-stdin.");
            return;
        }

        if (environment.Variable(ServiceTokenVariable) is { } serviceToken && parse.GetValue(ClientId) is null)
        {
            options.Service.Token = serviceToken;
            return;
        }

        options.Service.ClientId = parse.GetValue(ClientId) ?? environment.Variable(ClientIdVariable)
            ?? throw new CliException($"No service credentials: set {ClientIdVariable} (or --client-id) and {ClientSecretVariable} (or --client-secret-stdin), or {ServiceTokenVariable}.");
        options.Service.ClientSecret = parse.GetValue(ClientSecretFromStandardInput)
            ? await input.ReadSecretLineAsync("client secret", cancellationToken).ConfigureAwait(false)
            : environment.Variable(ClientSecretVariable)
                ?? throw new CliException($"No client secret: set {ClientSecretVariable}, or pipe it in with --client-secret-stdin.");

        string[] scopes = parse.GetValue(Scopes) is { Length: > 0 } given
            ? given
            : (environment.Variable(ScopesVariable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string scope in scopes)
        {
            options.Service.Scopes.Add(scope);
        }
    }
}
