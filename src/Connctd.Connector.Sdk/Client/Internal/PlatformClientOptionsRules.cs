using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// The checks of <see cref="PlatformClientOptions"/> that attributes cannot express (or not without reflection): the
/// base address, the duration ranges Polly accepts, how the timeouts relate, and values configuration could not read.
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

        if (options.BaseUrl is { } baseUrl && PlatformUrls.Check(baseUrl) is { } problem)
        {
            failures.Add($"PlatformClientOptions.BaseUrl '{baseUrl.OriginalString}' {problem}");
        }

        if (options.Resilience is { } resilience)
        {
            ResilienceOptionsRules.CheckResilience(resilience, "PlatformClientOptions.Resilience", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
