using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>The names of the registered upstream APIs.</summary>
internal sealed class UpstreamApiNames
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}

/// <summary>Creates one <see cref="UpstreamApiClient"/> per tenant over the API's pooled HTTP client.</summary>
internal sealed class UpstreamApiClientFactory(
    IHttpClientFactory httpClients,
    IOptionsMonitor<UpstreamApiOptions> options,
    IOptions<UpstreamApiNames> names,
    UpstreamCircuitRegistry circuits,
    UpstreamAvailabilityTracker tracker,
    IServiceProvider services,
    TimeProvider time,
    ILoggerFactory? loggers = null) : IUpstreamApiClientFactory
{
    private readonly ILogger? _logger = loggers?.CreateLogger<UpstreamApiClient>();

    public static string HttpClientName(string apiName) => $"connctd-upstream-{apiName}";

    public UpstreamApiClient CreateClient(string apiName, Installation installation, Instance? instance = null, UpstreamCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(apiName);
        ArgumentNullException.ThrowIfNull(installation);
        if (!names.Value.Names.Contains(apiName))
        {
            throw new InvalidOperationException(
                $"No upstream API named '{apiName}' is registered. Call builder.Services.AddConnctdUpstreamApi(\"{apiName}\") (or AddUpstreamApi on the connector builder).");
        }

        if (instance is not null && !string.Equals(instance.InstallationId, installation.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Instance '{instance.Id}' belongs to installation '{instance.InstallationId}', not '{installation.Id}'.", nameof(instance));
        }

        UpstreamApiOptions api = options.Get(apiName);
        if (credentials is null)
        {
            try
            {
                credentials = UpstreamCredentials.FromConfiguration(api.Authentication, installation.Configuration, instance?.Configuration);
            }
            catch (UpstreamApiException exception)
            {
                throw new UpstreamApiException(apiName, 0, exception.ErrorCode, isTransient: false);
            }
        }

        string partition = api.Scope switch
        {
            UpstreamResilienceScope.Installation => installation.Id,
            UpstreamResilienceScope.Instance => instance?.Id ?? installation.Id,
            _ => "",
        };
        var key = new UpstreamCircuitKey(apiName, partition);
        if (instance is not null)
        {
            tracker.Register(key, instance.Id);
        }

        return new UpstreamApiClient(
            httpClients.CreateClient(HttpClientName(apiName)),
            new UpstreamClientContext(key, credentials, api.Authentication),
            UpstreamUrls.Normalize(api.BaseUrl!),
            installation.Id,
            instance?.Id,
            circuits,
            tracker,
            _logger,
            time);
    }

    public async Task<UpstreamApiClient> CreateClientAsync(string apiName, Instance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        IConnectorStore store = services.GetService<IConnectorStore>()
            ?? throw new InvalidOperationException("No connector store is registered; call AddConnctdConnector<TConnector>(…) or pass the installation to CreateClient.");
        InstallationRecord installation = await store.GetInstallationAsync(instance.InstallationId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException("installation", instance.InstallationId);
        ConfigurationProtector configuration = services.GetRequiredService<ConfigurationProtector>();
        return CreateClient(apiName, installation.ToInstallation(configuration), instance);
    }
}
