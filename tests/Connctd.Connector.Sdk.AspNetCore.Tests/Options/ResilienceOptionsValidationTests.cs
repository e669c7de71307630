using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Options;

/// <summary>
/// <c>Connctd:Resilience</c> is read by the same binder as every other resilience section, and a bad value stops the host
/// at start with a failure that names the key as the author wrote it.
/// </summary>
public sealed class ResilienceOptionsValidationTests : IDisposable
{
    private readonly FakePlatformApi _platform = new();

    public void Dispose() => _platform.Dispose();

    public static TheoryData<string, string, string> BadResilience() => new()
    {
        { "Connctd:Resilience:TotalTimeout", "30", "read as days" },
        { "Connctd:Resilience:AttemptTimeout", "00:05:00", "longer than" },
        { "Connctd:Resilience:MaxRetries", "101", "between 0 and 100" },
        { "Connctd:Resilience:MaxRetries", "three", "convert" },
        { "Connctd:Resilience:Backoff", "Fibonacci", "convert" },
        { "Connctd:Resilience:CircuitBreakerThreshold", "1", "between 2 and 10000" },
        { "Connctd:Resilience:RateLimitPerMinute", "0", "between 1 and 1000000" },
        { "Connctd:PlatformUrl", "https://platform.example.com/api/?x=1", "query" },
    };

    [Theory]
    [MemberData(nameof(BadResilience))]
    public async Task StartAsync_BadResilienceSetting_ThrowsOptionsValidationNamingTheKey(string key, string value, string says)
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Equal(typeof(ConnctdConnectorOptions), exception.OptionsType);
        string failure = Assert.Single(exception.Failures);
        Assert.Contains(key, failure, StringComparison.Ordinal);
        Assert.Contains(says, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BackoffNone_IsConstantForTheConnectorAndThePlatformClient()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Resilience:Backoff"] = "None",
            ["Connctd:Resilience:MaxRetries"] = "4",
        });

        await host.StartAsync();

        Assert.Equal(RetryBackoff.Constant, host.Services.GetRequiredServiceOptions().Resilience.Backoff);
        PlatformClientOptions client = host.Services.GetRequiredService<IOptions<PlatformClientOptions>>().Value;
        Assert.Equal(RetryBackoff.Constant, client.Resilience.Backoff);
        Assert.Equal(4, client.Resilience.MaxRetries);
    }

    [Fact]
    public async Task StartAsync_BadSqliteBusyTimeout_ThrowsOptionsValidation()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Sqlite:BusyTimeout"] = "00:00:00",
        });

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Equal(typeof(SqliteConnectorStoreOptions), exception.OptionsType);
        Assert.Contains("Connctd:Sqlite:BusyTimeout", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BadSqlitePathWithUseSqlite_FailsOnceNamingTheKey()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:Sqlite:DatabasePath"] = ":memory:",
        });
        host.ConfigureConnector = connector => connector.UseSqlite();

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("Connctd:Sqlite:DatabasePath", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }
}
