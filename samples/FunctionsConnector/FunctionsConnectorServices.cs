using Connctd.Connector.Sdk.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsConnector;

/// <summary>The function app's services; used by Program.cs and the tests alike.</summary>
public static class FunctionsConnectorServices
{
    /// <summary>
    /// Registers the Plug connector with its options from <c>Connctd</c> (app settings <c>Connctd__PublicKey</c>,
    /// <c>Connctd__PlatformUrl</c>, …) and, unless <c>Connctd:Outbox:BackgroundDelivery</c> says otherwise, without
    /// the background outbox worker: on a plan that freezes idle workers it would not run between invocations, so
    /// <see cref="ConnctdFunctions"/> delivers the outbox itself.
    /// </summary>
    /// <param name="services">The function app's services.</param>
    /// <param name="configuration">The function app's configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPlugConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddConnctdConnector<PlugConnector>(configuration.GetSection("Connctd"));
        if (configuration["Connctd:Outbox:BackgroundDelivery"] is null)
        {
            services.Configure<ConnctdConnectorOptions>(options => options.Outbox.BackgroundDelivery = false);
        }

        return services;
    }
}
