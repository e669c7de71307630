using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Management.Tests;

public sealed class ManagementServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Action<ManagementClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddConnctdManagementClient(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddConnctdManagementClient_Defaults_AreValidAndPointAtThePlatform()
    {
        using ServiceProvider provider = Build(_ => { });

        ManagementClientOptions options = provider.GetRequiredService<IOptions<ManagementClientOptions>>().Value;

        Assert.Equal(new Uri("https://api.connctd.io/api/v1/query"), options.Endpoint);
        Assert.Equal(new Uri("https://api.connctd.io/api/v1/auth/login"), options.LoginUrl);
        Assert.Equal(new Uri("https://api.connctd.io/oauth2/token"), options.TokenUrl);
        Assert.NotNull(provider.GetRequiredService<ManagementClient>());
        Assert.Null(provider.GetKeyedService<ManagementTokenProvider>(ManagementTokenKind.Developer));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("password")]
    [InlineData("clientId")]
    [InlineData("secret")]
    [InlineData("endpoint")]
    [InlineData("timeout")]
    [InlineData("refresh")]
    [InlineData("type")]
    [InlineData("scope")]
    public void AddConnctdManagementClient_InvalidOptions_FailsValidation(string broken)
    {
        using ServiceProvider provider = Build(options =>
        {
            switch (broken)
            {
                case "email": options.Developer.Email = "a@b.c"; break;
                case "password": options.Developer.Password = "p"; break;
                case "clientId": options.Service.ClientId = "c"; break;
                case "secret": options.Service.ClientSecret = "s"; break;
                case "endpoint": options.Endpoint = new Uri("ftp://example.com/query"); break;
                case "timeout": options.Timeout = TimeSpan.Zero; break;
                case "refresh": options.RefreshMargin = TimeSpan.FromHours(2); break;
                case "type": options.PublicationInputType = "Bad Type!"; break;
                case "scope": options.Service.Scopes.Add("two words"); break;
            }
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ManagementClientOptions>>().Value);

        Assert.NotEmpty(exception.Failures);
        Assert.DoesNotContain(exception.Failures, failure => failure.Contains("\"p\"", StringComparison.Ordinal) || failure.Contains("'s'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddConnctdManagementClient_Section_BindsEverySetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Management:Endpoint"] = "http://127.0.0.1:9/api/v1/query",
            ["Connctd:Management:Developer:Email"] = "dev@example.com",
            ["Connctd:Management:Developer:Password"] = "pw",
            ["Connctd:Management:Service:ClientId"] = "app",
            ["Connctd:Management:Service:ClientSecret"] = "secret",
            ["Connctd:Management:Service:Scopes:0"] = "connectors",
            ["Connctd:Management:Service:Scopes:1"] = "things",
            ["Connctd:Management:Timeout"] = "00:00:10",
            ["Connctd:Management:RefreshMargin"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnctdManagementClient(configuration.GetSection("Connctd:Management"));
        using ServiceProvider provider = services.BuildServiceProvider();

        ManagementClientOptions options = provider.GetRequiredService<IOptions<ManagementClientOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:9/api/v1/query"), options.Endpoint);
        Assert.Equal(("dev@example.com", "pw"), (options.Developer.Email, options.Developer.Password));
        Assert.Equal(["connectors", "things"], options.Service.Scopes);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2)), (options.Timeout, options.RefreshMargin));
        Assert.IsType<DeveloperLoginTokenProvider>(provider.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Developer));
        Assert.IsType<ClientCredentialsTokenProvider>(provider.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Service));
    }

    [Fact]
    public void AddConnctdManagementClient_ReadyTokens_UseStaticProviders()
    {
        using ServiceProvider provider = Build(options =>
        {
            options.Developer.Token = "dev";
            options.Service.Token = "svc";
        });

        Assert.IsType<StaticManagementTokenProvider>(provider.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Developer));
        Assert.IsType<StaticManagementTokenProvider>(provider.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Service));
    }

    [Fact]
    public void AddConnctdManagementClient_OwnProviderRegisteredFirst_IsKept()
    {
        var own = new StaticManagementTokenProvider("mine");
        var services = new ServiceCollection();
        services.AddKeyedSingleton<ManagementTokenProvider>(ManagementTokenKind.Developer, own);
        services.AddConnctdManagementClient(options => options.Developer.Token = "configured");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredKeyedService<ManagementTokenProvider>(ManagementTokenKind.Developer));
    }

    [Fact]
    public async Task ServiceCall_NoServiceCredentials_ThrowsInvalidOperation()
    {
        using ServiceProvider provider = Build(options => options.Developer.Token = "dev");

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<ManagementClient>().ListInstancesAsync());
    }
}
