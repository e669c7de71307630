using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;

/// <summary>A real service provider with one upstream API "api" registered and every log line captured.</summary>
public sealed class UpstreamServices : IDisposable
{
    private UpstreamServices(ServiceProvider provider, FakeLogCollector logs)
    {
        Provider = provider;
        Logs = logs;
    }

    public ServiceProvider Provider { get; }

    public FakeLogCollector Logs { get; }

    public IUpstreamApiClientFactory Factory => Provider.GetRequiredService<IUpstreamApiClientFactory>();

    public static UpstreamServices Create(
        UpstreamStub stub, Action<UpstreamApiOptions>? configure = null, FakeTimeProvider? time = null, string name = "api", Action<IServiceCollection>? more = null)
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        services.AddConnctdUpstreamApi(name, options =>
        {
            options.BaseUrl = stub.BaseUrl;
            options.Resilience.RetryDelay = TimeSpan.FromMilliseconds(10);
            options.Resilience.UseJitter = false;
            options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
            options.Authentication.TokenUrl = stub.TokenUrl;
            configure?.Invoke(options);
        });
        more?.Invoke(services);
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new UpstreamServices(provider, logs);
    }

    public static Installation Installation(string id, params (string Id, string Value)[] values) =>
        new() { Id = id, Configuration = Values(values), State = LifecycleState.Complete };

    public static Instance Instance(string id, string installationId, params (string Id, string Value)[] values) =>
        new() { Id = id, InstallationId = installationId, Configuration = Values(values), State = LifecycleState.Complete };

    public static ConfigurationValues Values(params (string Id, string Value)[] values) =>
        new(values.Select(value => new ConfigurationValue(value.Id, value.Value)));

    /// <summary>Every log record as text: message, structured state and exception.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(record =>
        $"{record.Category} {record.Level} {record.Message} {string.Join(';', record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])} {record.Exception}"));

    public void Dispose() => Provider.Dispose();
}
