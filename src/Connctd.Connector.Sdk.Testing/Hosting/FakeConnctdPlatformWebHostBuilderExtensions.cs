using Connctd.Connector.Sdk.Testing;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Points a connector's web host at a <see cref="FakeConnctdPlatform"/>.</summary>
public static class FakeConnctdPlatformWebHostBuilderExtensions
{
    /// <summary>
    /// Sets <c>Connctd:PublicKey</c> and <c>Connctd:PlatformUrl</c> to the fake platform's, for example in
    /// <c>WebApplicationFactory.WithWebHostBuilder(builder => builder.UseFakeConnctdPlatform(platform))</c>.
    /// </summary>
    /// <param name="builder">The connector's web host builder.</param>
    /// <param name="platform">The fake platform.</param>
    /// <returns>The builder.</returns>
    public static IWebHostBuilder UseFakeConnctdPlatform(this IWebHostBuilder builder, FakeConnctdPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(platform);
        foreach (KeyValuePair<string, string?> setting in platform.ConnectorSettings)
        {
            builder.UseSetting(setting.Key, setting.Value);
        }

        return builder;
    }
}
