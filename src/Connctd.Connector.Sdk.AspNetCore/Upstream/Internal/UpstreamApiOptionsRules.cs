using System.Globalization;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>Checks the options of each registered upstream API at start-up; every failure says what to fix.</summary>
internal sealed class UpstreamApiOptionsRules : IValidateOptions<UpstreamApiOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Every failure names the configuration key the author wrote (Connctd:Upstream:weather:Resilience:AttemptTimeout).
        string prefix = options.ConfigurationPath is { Length: > 0 } path ? path : $"{UpstreamApiOptions.SectionName}:{name}";
        var failures = new List<string>();
        if (options.BindingErrors is { } bindingErrors)
        {
            failures.AddRange(bindingErrors);
        }

        if (options.BaseUrl is null)
        {
            failures.Add($"{prefix}:BaseUrl is missing; set it to the API's address (for example https://api.example.com/v1/).");
        }
        else if (UpstreamUrls.Check(options.BaseUrl) is { } problem)
        {
            failures.Add($"{prefix}:BaseUrl '{options.BaseUrl.OriginalString}' {problem}");
        }

        if (!Enum.IsDefined(options.Scope))
        {
            failures.Add($"{prefix}:Scope {options.Scope} is not one of Api, Installation, Instance.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}:MaxResponseBytes is {options.MaxResponseBytes}; it must be at least 1024."));
        }

        if (options.Resilience is not { } resilience)
        {
            failures.Add($"{prefix}:Resilience is missing.");
        }
        else
        {
            ResilienceOptionsRules.Check(resilience, prefix + ":Resilience:", failures);
        }

        if (options.Authentication is not { } auth)
        {
            failures.Add($"{prefix}:Authentication is missing.");
        }
        else
        {
            CheckAuthentication(prefix + ":Authentication", auth, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAuthentication(string prefix, UpstreamAuthenticationOptions auth, List<string> failures)
    {
        switch (auth.Kind)
        {
            case UpstreamAuthenticationKind.None:
            case UpstreamAuthenticationKind.Basic:
            case UpstreamAuthenticationKind.BearerToken:
                break;
            case UpstreamAuthenticationKind.ApiKey:
                if (string.IsNullOrWhiteSpace(auth.ApiKeyName) || auth.ApiKeyName.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
                {
                    failures.Add($"{prefix}:ApiKeyName '{auth.ApiKeyName}' is not a valid header or parameter name; use for example X-API-Key.");
                }

                if (!Enum.IsDefined(auth.ApiKeyLocation))
                {
                    failures.Add($"{prefix}:ApiKeyLocation {auth.ApiKeyLocation} is not one of Header, Query.");
                }

                if (auth.ApiKeyPrefix is null || auth.ApiKeyPrefix.Any(char.IsControl))
                {
                    failures.Add($"{prefix}:ApiKeyPrefix must be text without control characters (empty for none).");
                }

                break;
            case UpstreamAuthenticationKind.OAuth2ClientCredentials:
                if (auth.TokenUrl is null && string.IsNullOrWhiteSpace(auth.TokenUrlFrom))
                {
                    failures.Add($"{prefix}:TokenUrl is missing; set the token endpoint (or TokenUrlFrom, the configuration parameter that holds it).");
                }
                else if (auth.TokenUrl is not null && UpstreamUrls.Check(auth.TokenUrl) is { } problem)
                {
                    failures.Add($"{prefix}:TokenUrl '{auth.TokenUrl.OriginalString}' {problem}");
                }

                if (auth.RefreshBeforeExpiry < TimeSpan.Zero || auth.RefreshBeforeExpiry > TimeSpan.FromDays(1))
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}:RefreshBeforeExpiry is {auth.RefreshBeforeExpiry}; it must be between 00:00:00 and 1.00:00:00."));
                }

                break;
            default:
                failures.Add($"{prefix}:Kind {auth.Kind} is not one of None, ApiKey, Basic, BearerToken, OAuth2ClientCredentials.");
                break;
        }
    }
}
