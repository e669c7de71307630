using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>
/// The checks of <see cref="ManagementClientOptions"/> that attributes cannot express: the addresses, and credentials
/// given by halves. Messages name the setting, never a secret's value.
/// </summary>
internal sealed class ManagementClientOptionsRules : IValidateOptions<ManagementClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckUrl(failures, nameof(options.Endpoint), options.Endpoint);
        CheckUrl(failures, nameof(options.LoginUrl), options.LoginUrl);
        CheckUrl(failures, nameof(options.TokenUrl), options.TokenUrl);
        CheckRange(failures, nameof(options.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        CheckRange(failures, nameof(options.RefreshMargin), options.RefreshMargin, TimeSpan.Zero, TimeSpan.FromHours(1));
        CheckRange(failures, nameof(options.DefaultTokenLifetime), options.DefaultTokenLifetime, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1));

        if (options.Developer is { } developer && string.IsNullOrEmpty(developer.Token)
            && string.IsNullOrEmpty(developer.Email) != string.IsNullOrEmpty(developer.Password))
        {
            failures.Add(string.IsNullOrEmpty(developer.Email)
                ? "ManagementClientOptions.Developer.Password is set but Developer.Email is not; set both to log in, or neither."
                : "ManagementClientOptions.Developer.Email is set but Developer.Password is not; set both to log in (keep the password in user secrets or an environment variable), or neither.");
        }

        if (options.Service is { } service && string.IsNullOrEmpty(service.Token)
            && string.IsNullOrEmpty(service.ClientId) != string.IsNullOrEmpty(service.ClientSecret))
        {
            failures.Add(string.IsNullOrEmpty(service.ClientId)
                ? "ManagementClientOptions.Service.ClientSecret is set but Service.ClientId is not; set both to get service tokens, or neither."
                : "ManagementClientOptions.Service.ClientId is set but Service.ClientSecret is not; set both to get service tokens, or neither.");
        }

        if (options.Service is { } scoped && scoped.Scopes.Any(scope => string.IsNullOrWhiteSpace(scope) || scope.Trim().Contains(' ', StringComparison.Ordinal)))
        {
            failures.Add("ManagementClientOptions.Service.Scopes holds an empty scope or one with a space; give one scope per entry.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string name, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"ManagementClientOptions.{name} is {value}; it must be between {minimum} and {maximum}."));
        }
    }

    private static void CheckUrl(List<string> failures, string name, Uri? url)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ManagementClientOptions.{name} '{url.OriginalString}' must be an absolute https (or, for a local stand-in, http) URL.");
        }
        else if (url.Fragment.Length > 0)
        {
            failures.Add($"ManagementClientOptions.{name} '{url.OriginalString}' must not have a fragment.");
        }
    }
}
