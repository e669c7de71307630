using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// Reads <see cref="PlatformClientOptions"/> from a configuration section without reflection (the package is
/// trimming- and AOT-compatible). Values that cannot be read are kept in
/// <see cref="PlatformClientOptions.BindingErrors"/> and reported, with their configuration path, by validation at
/// start-up. Durations are written as <c>hh:mm:ss</c> (<c>00:00:30</c>); a bare number is refused rather than read as
/// days. <c>Backoff</c> accepts <c>None</c> as another name for <see cref="RetryBackoff.Constant"/>.
/// </summary>
internal static class PlatformClientOptionsBinder
{
    public static void Bind(IConfiguration section, PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (ResilienceOptionsBinder.Value(section, "BaseUrl") is { } baseUrl)
        {
            if (Uri.TryCreate(baseUrl, UriKind.RelativeOrAbsolute, out Uri? uri))
            {
                options.BaseUrl = uri;
            }
            else
            {
                errors.Add($"{ResilienceOptionsBinder.PathOf(section, "BaseUrl")} '{baseUrl}' is not an address; use for example https://connectors.connctd.io/api/v1/.");
            }
        }

        options.Resilience ??= new PlatformResilienceOptions();
        ResilienceOptionsBinder.BindResilience(section.GetSection("Resilience"), options.Resilience, errors);

        if (errors.Count > 0)
        {
            (options.BindingErrors ??= []).AddRange(errors);
        }
    }
}
