using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// The checks of <see cref="PlatformClientOptions"/>: values configuration could not read, the base address, and the
/// resilience settings (ranges Polly accepts, how the timeouts relate).
/// </summary>
internal sealed class PlatformClientOptionsRules : IValidateOptions<PlatformClientOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BindingErrors is { } bindingErrors)
        {
            failures.AddRange(bindingErrors);
        }

        // Settings read from configuration are named by their keys (Connctd:Platform:Resilience:AttemptTimeout), settings
        // made in code by their properties (PlatformClientOptions.Resilience.AttemptTimeout).
        (string prefix, string separator) = options.ConfigurationPath is { Length: > 0 } path ? (path + ":", ":") : ("PlatformClientOptions.", ".");
        if (options.BaseUrl is not { } baseUrl)
        {
            failures.Add($"{prefix}BaseUrl is missing; use for example {PlatformClientOptions.DefaultBaseUrl}.");
        }
        else if (PlatformUrls.Check(baseUrl) is { } problem)
        {
            failures.Add($"{prefix}BaseUrl '{baseUrl.OriginalString}' {problem}");
        }

        if (options.Resilience is not { } resilience)
        {
            failures.Add($"{prefix}Resilience is missing.");
        }
        else
        {
            ResilienceOptionsRules.Check(resilience, prefix + "Resilience" + separator, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
