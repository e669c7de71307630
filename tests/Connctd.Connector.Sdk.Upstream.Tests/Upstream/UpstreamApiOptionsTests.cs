using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

public sealed class UpstreamApiOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values, Action<IServiceCollection> register)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        register(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddConnctdUpstreamApi_ConventionalSection_ReadsEverySetting()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Connctd:Upstream:weather:BaseUrl"] = "https://api.example.com/v2",
            ["Connctd:Upstream:weather:Scope"] = "Installation",
            ["Connctd:Upstream:weather:TrackThingAvailability"] = "false",
            ["Connctd:Upstream:weather:MaxResponseBytes"] = "2048",
            ["Connctd:Upstream:weather:Authentication:Kind"] = "api_key",
            ["Connctd:Upstream:weather:Authentication:ApiKeyName"] = "appid",
            ["Connctd:Upstream:weather:Authentication:ApiKeyLocation"] = "Query",
            ["Connctd:Upstream:weather:Authentication:ApiKeyPrefix"] = "Token ",
            ["Connctd:Upstream:weather:Authentication:ApiKeyFrom"] = "key",
            ["Connctd:Upstream:weather:Resilience:MaxRetries"] = "1",
            ["Connctd:Upstream:weather:Resilience:Backoff"] = "None",
            ["Connctd:Upstream:weather:Resilience:RateLimitPerMinute"] = "60",
            ["Connctd:Upstream:weather:Resilience:CircuitBreakerRecovery"] = "00:00:45",
        }, services => services.AddConnctdUpstreamApi("weather"));

        UpstreamApiOptions options = provider.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get("weather");

        Assert.Equal(new Uri("https://api.example.com/v2"), options.BaseUrl);
        Assert.Equal(UpstreamResilienceScope.Installation, options.Scope);
        Assert.False(options.TrackThingAvailability);
        Assert.Equal(2048, options.MaxResponseBytes);
        Assert.Equal(UpstreamAuthenticationKind.ApiKey, options.Authentication.Kind);
        Assert.Equal("appid", options.Authentication.ApiKeyName);
        Assert.Equal(UpstreamApiKeyLocation.Query, options.Authentication.ApiKeyLocation);
        Assert.Equal("Token ", options.Authentication.ApiKeyPrefix);
        Assert.Equal("key", options.Authentication.ApiKeyFrom);
        Assert.Equal(1, options.Resilience.MaxRetries);
        Assert.Equal(RetryBackoff.Constant, options.Resilience.Backoff);
        Assert.Equal(60, options.Resilience.RateLimitPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Resilience.CircuitBreakerRecovery);
    }

    [Fact]
    public void AddConnctdUpstreamApi_CodeAfterConfiguration_CodeWins()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Connctd:Upstream:weather:BaseUrl"] = "https://api.example.com/",
            ["Connctd:Upstream:weather:Resilience:MaxRetries"] = "1",
        }, services => services.AddConnctdUpstreamApi("weather", options => options.Resilience.MaxRetries = 5));

        UpstreamApiOptions options = provider.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get("weather");

        Assert.Equal(new Uri("https://api.example.com/"), options.BaseUrl);
        Assert.Equal(5, options.Resilience.MaxRetries);
    }

    [Fact]
    public void AddConnctdUpstreamApi_ExplicitSection_ReadsOAuth2Settings()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Apis:crm:BaseUrl"] = "https://crm.example.com/",
            ["Apis:crm:Authentication:Kind"] = "OAuth2",
            ["Apis:crm:Authentication:TokenUrl"] = "https://auth.example.com/oauth/token",
            ["Apis:crm:Authentication:Scope"] = "read write",
            ["Apis:crm:Authentication:RefreshBeforeExpiry"] = "00:02:00",
            ["Apis:crm:Authentication:SendClientCredentialsInBody"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnctdUpstreamApi("crm", configuration.GetSection("Apis:crm"));
        using ServiceProvider provider = services.BuildServiceProvider();

        UpstreamApiOptions options = provider.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get("crm");

        Assert.Equal(UpstreamAuthenticationKind.OAuth2ClientCredentials, options.Authentication.Kind);
        Assert.Equal(new Uri("https://auth.example.com/oauth/token"), options.Authentication.TokenUrl);
        Assert.Equal("read write", options.Authentication.Scope);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Authentication.RefreshBeforeExpiry);
        Assert.True(options.Authentication.SendClientCredentialsInBody);
    }

    [Fact]
    public void Validate_UnreadableValues_FailAtStartNamingEachKey()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Connctd:Upstream:weather:BaseUrl"] = "https://api.example.com/",
            ["Connctd:Upstream:weather:Resilience:MaxRetries"] = "many",
            ["Connctd:Upstream:weather:Resilience:TotalTimeout"] = "30",
        }, services => services.AddConnctdUpstreamApi("weather"));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("weather", exception.OptionsName);
        Assert.Equal(2, exception.Failures.Count());
        Assert.Contains(exception.Failures, failure => failure.Contains("'Connctd:Upstream:weather:Resilience:MaxRetries'", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure =>
            failure.Contains("Connctd:Upstream:weather:Resilience:TotalTimeout is 30.00:00:00", StringComparison.Ordinal) &&
            failure.Contains("read as days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Resilience:AttemptTimeout", "00:05:00", "Resilience:AttemptTimeout")]
    [InlineData("Resilience:MaxRetries", "101", "Resilience:MaxRetries")]
    [InlineData("Resilience:Backoff", "Fibonacci", "Resilience:Backoff")]
    [InlineData("Authentication:Kind", "Magic", "Authentication:Kind")]
    [InlineData("MaxResponseBytes", "10", "MaxResponseBytes")]
    public void Validate_BadValue_NamesTheKeyOfItsSection(string key, string value, string named)
    {
        using ServiceProvider conventional = Build(new()
        {
            ["Connctd:Upstream:weather:BaseUrl"] = "https://api.example.com/",
            ["Connctd:Upstream:weather:" + key] = value,
        }, services => services.AddConnctdUpstreamApi("weather"));
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Apis:crm:BaseUrl"] = "https://crm.example.com/",
            ["Apis:crm:" + key] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddConnctdUpstreamApi("crm", configuration.GetSection("Apis:crm"));
        using ServiceProvider explicitSection = services.BuildServiceProvider();

        var fromConvention = Assert.Throws<OptionsValidationException>(() => conventional.GetRequiredService<IStartupValidator>().Validate());
        var fromSection = Assert.Throws<OptionsValidationException>(() => explicitSection.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connctd:Upstream:weather:" + named, Assert.Single(fromConvention.Failures), StringComparison.Ordinal);
        Assert.Contains("Apis:crm:" + named, Assert.Single(fromSection.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingBaseUrl_FailsAtStart()
    {
        using ServiceProvider provider = Build([], services => services.AddConnctdUpstreamApi("weather"));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Single(exception.Failures);
    }

    [Theory]
    [InlineData(UpstreamAuthenticationKind.OAuth2ClientCredentials, null, 0, 1)]
    [InlineData(UpstreamAuthenticationKind.ApiKey, "bad header", 0, 1)]
    [InlineData(UpstreamAuthenticationKind.None, null, 1, 1)]
    [InlineData(UpstreamAuthenticationKind.None, null, 5, 0)]
    public void Validate_InvalidSettings_FailAtStart(UpstreamAuthenticationKind kind, string? apiKeyName, int threshold, int expectedFailures)
    {
        using ServiceProvider provider = Build([], services => services.AddConnctdUpstreamApi("weather", options =>
        {
            options.BaseUrl = new Uri("https://api.example.com/");
            options.Authentication.Kind = kind;
            options.Authentication.ApiKeyName = apiKeyName ?? "X-API-Key";
            options.Resilience.CircuitBreakerThreshold = threshold == 0 ? 5 : threshold;
        }));

        if (expectedFailures == 0)
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return;
        }

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(expectedFailures, exception.Failures.Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("we ather")]
    [InlineData("a/b")]
    public void AddConnctdUpstreamApi_BadName_ThrowsArgument(string name)
    {
        var services = new ServiceCollection();

        Assert.ThrowsAny<ArgumentException>(() => services.AddConnctdUpstreamApi(name));
    }
}
