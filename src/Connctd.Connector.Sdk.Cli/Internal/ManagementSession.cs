using Connctd.Connector.Sdk.Management;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>A <see cref="ManagementClient"/> built through the SDK's own registration, for one command.</summary>
internal sealed class ManagementSession : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ManagementSession(ServiceProvider provider, ManagementClient client)
    {
        _provider = provider;
        Client = client;
    }

    public ManagementClient Client { get; }

    public static ManagementSession Create(Uri apiBase, Action<ManagementClientOptions> configure, CliEnvironment environment)
    {
        string root = apiBase.AbsoluteUri.TrimEnd('/');
        var services = new ServiceCollection();
        services.AddSingleton(environment.Time);
        IHttpClientBuilder builder = services.AddConnctdManagementClient(options =>
        {
            options.Endpoint = new Uri(root + "/api/v1/query");
            options.LoginUrl = new Uri(root + "/api/v1/auth/login");
            options.TokenUrl = new Uri(root + "/oauth2/token");
            configure(options);
        });
        if (environment.HttpHandlerFactory is { } handler)
        {
            builder.ConfigurePrimaryHttpMessageHandler(handler);
            services.AddHttpClient(ManagementServiceCollectionExtensions.TokenHttpClientName).ConfigurePrimaryHttpMessageHandler(handler);
        }

        ServiceProvider provider = services.BuildServiceProvider();
        return new ManagementSession(provider, provider.GetRequiredService<ManagementClient>());
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
