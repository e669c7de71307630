using Connctd.Connector.Sdk.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connctd.Connector.Sdk.Tests.Client;

public sealed class PlatformClientOptionsTests
{
    public static TheoryData<string> InvalidSettings => new()
    {
        "relative-base-url",
        "ftp-base-url",
        "base-url-with-query",
        "negative-retries",
        "too-many-retries",
        "threshold-one",
        "rate-limit-zero",
        "attempt-timeout-zero",
        "attempt-longer-than-total",
        "negative-retry-delay",
        "recovery-too-short",
        "total-timeout-two-days",
    };

    private static void Apply(string setting, PlatformClientOptions options)
    {
        PlatformResilienceOptions r = options.Resilience;
        switch (setting)
        {
            case "relative-base-url": options.BaseUrl = new Uri("api/v1/", UriKind.Relative); break;
            case "ftp-base-url": options.BaseUrl = new Uri("ftp://connectors.connctd.io/api/v1/"); break;
            case "base-url-with-query": options.BaseUrl = new Uri("https://connectors.connctd.io/api/v1/?x=1"); break;
            case "negative-retries": r.MaxRetries = -1; break;
            case "too-many-retries": r.MaxRetries = 101; break;
            case "threshold-one": r.CircuitBreakerThreshold = 1; break;
            case "rate-limit-zero": r.RateLimitPerMinute = 0; break;
            case "attempt-timeout-zero": r.AttemptTimeout = TimeSpan.Zero; break;
            case "attempt-longer-than-total": r.AttemptTimeout = TimeSpan.FromSeconds(60); break;
            case "negative-retry-delay": r.RetryDelay = TimeSpan.FromSeconds(-1); break;
            case "recovery-too-short": r.CircuitBreakerRecovery = TimeSpan.FromMilliseconds(100); break;
            case "total-timeout-two-days": r.TotalTimeout = TimeSpan.FromDays(2); break;
            default: throw new ArgumentOutOfRangeException(nameof(setting));
        }
    }

    private static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.BuildServiceProvider();
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Resolve_InvalidSetting_ThrowsOptionsValidationException(string setting)
    {
        using var provider = Build(services => services.AddConnctdPlatformClient(options => Apply(setting, options)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value);

        Assert.Equal(typeof(PlatformClientOptions), exception.OptionsType);
        Assert.Single(exception.Failures);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<PlatformClient>());
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void StartupValidation_InvalidSetting_Throws(string setting)
    {
        using var provider = Build(services => services.AddConnctdPlatformClient(options => Apply(setting, options)));

        var exception = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.IsType<OptionsValidationException>(exception is AggregateException aggregate ? Assert.Single(aggregate.InnerExceptions) : exception);
    }

    [Fact]
    public void Resolve_Defaults_AreValidAndMatchTheResilienceTab()
    {
        using var provider = Build(services => services.AddConnctdPlatformClient());

        provider.GetRequiredService<IStartupValidator>().Validate();
        PlatformClientOptions options = provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value;

        Assert.Equal(new Uri("https://connectors.connctd.io/api/v1/"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Resilience.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.TotalTimeout);
        Assert.Equal(3, options.Resilience.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Resilience.RetryDelay);
        Assert.Equal(RetryBackoff.Exponential, options.Resilience.Backoff);
        Assert.True(options.Resilience.UseJitter);
        Assert.Null(options.Resilience.RateLimitPerMinute);
        Assert.Equal(5, options.Resilience.CircuitBreakerThreshold);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.CircuitBreakerRecovery);
        Assert.Equal(PlatformCircuitState.Closed, provider.GetRequiredService<PlatformClient>().CircuitState);
    }

    [Fact]
    public void Bind_ConfigurationSection_ReadsEveryValue()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Platform:BaseUrl"] = "https://platform.example.test/api/v2",
            ["Connctd:Platform:Resilience:AttemptTimeout"] = "00:00:05",
            ["Connctd:Platform:Resilience:TotalTimeout"] = "00:01:00",
            ["Connctd:Platform:Resilience:MaxRetries"] = "7",
            ["Connctd:Platform:Resilience:RetryDelay"] = "00:00:00.250",
            ["Connctd:Platform:Resilience:Backoff"] = "None",
            ["Connctd:Platform:Resilience:UseJitter"] = "false",
            ["Connctd:Platform:Resilience:RateLimitPerMinute"] = "60",
            ["Connctd:Platform:Resilience:CircuitBreakerThreshold"] = "9",
            ["Connctd:Platform:Resilience:CircuitBreakerRecovery"] = "00:02:00",
        }).Build().GetSection("Connctd:Platform");
        using var provider = Build(services => services.AddConnctdPlatformClient(section));

        PlatformClientOptions options = provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value;

        Assert.Equal(new Uri("https://platform.example.test/api/v2"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Resilience.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Resilience.TotalTimeout);
        Assert.Equal(7, options.Resilience.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Resilience.RetryDelay);
        Assert.Equal(RetryBackoff.Constant, options.Resilience.Backoff);
        Assert.False(options.Resilience.UseJitter);
        Assert.Equal(60, options.Resilience.RateLimitPerMinute);
        Assert.Equal(9, options.Resilience.CircuitBreakerThreshold);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Resilience.CircuitBreakerRecovery);
    }

    [Theory]
    [InlineData("MaxRetries", "three")]
    [InlineData("TotalTimeout", "30")]
    [InlineData("RetryDelay", "soon")]
    [InlineData("Backoff", "Fibonacci")]
    [InlineData("Backoff", "7")]
    [InlineData("UseJitter", "maybe")]
    [InlineData("RateLimitPerMinute", "1.5")]
    public void Bind_UnreadableValue_FailsValidation(string key, string value)
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Resilience:" + key] = value,
        }).Build().GetSection("Platform");
        using var provider = Build(services => services.AddConnctdPlatformClient(section));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value);

        Assert.Single(exception.Failures);
    }

    [Theory]
    [InlineData("Resilience:AttemptTimeout", "00:05:00")]
    [InlineData("Resilience:TotalTimeout", "30")]
    [InlineData("Resilience:MaxRetries", "101")]
    [InlineData("Resilience:MaxRetries", "three")]
    [InlineData("Resilience:CircuitBreakerThreshold", "1")]
    [InlineData("Resilience:Backoff", "Fibonacci")]
    [InlineData("BaseUrl", "ftp://platform.example.test/")]
    public void Bind_BadValue_FailureNamesTheConfigurationKey(string key, string value)
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Platform:" + key] = value,
        }).Build().GetSection("Connctd:Platform");
        using var provider = Build(services => services.AddConnctdPlatformClient(section));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value);

        Assert.Contains("Connctd:Platform:" + key, Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_BadValueInCode_FailureNamesTheProperty()
    {
        using var provider = Build(services => services.AddConnctdPlatformClient(options => options.Resilience.MaxRetries = -1));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value);

        Assert.Contains("PlatformClientOptions.Resilience.MaxRetries", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_RelativeBaseUrl_FailsValidation()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = "/api/v1/",
        }).Build().GetSection("Platform");
        using var provider = Build(services => services.AddConnctdPlatformClient(section));

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value);
    }

    [Fact]
    public async Task AddConnctdPlatformClient_CalledTwice_OnePipelineAndLastOptionsWin()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create().WithStatusCode(503));
        var services = new ServiceCollection();

        IHttpClientBuilder first = services.AddConnctdPlatformClient(options =>
        {
            options.BaseUrl = new Uri(server.Url!);
            options.Resilience.RetryDelay = TimeSpan.Zero;
        });
        IHttpClientBuilder second = services.AddConnctdPlatformClient(options => options.Resilience.MaxRetries = 1);
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<PlatformException>(
            () => provider.GetRequiredService<PlatformClient>().DeleteThingAsync(PlatformTestHost.InstanceToken, "t"));
        // One pipeline with one retry: two requests. A doubled pipeline would retry the retries (four).
        Assert.Equal(2, server.LogEntries.Count);
        Assert.Equal(PlatformClientServiceCollectionExtensions.HttpClientName, first.Name);
        Assert.Equal(first.Name, second.Name);
    }

    [Fact]
    public void Constructor_RelativeBaseUrl_ThrowsArgumentException()
    {
        using var httpClient = new HttpClient();
        var options = Options.Create(new PlatformClientOptions { BaseUrl = new Uri("api", UriKind.Relative) });

        Assert.Throws<ArgumentException>(() => new PlatformClient(httpClient, options));
    }
}
