using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Options;

/// <summary>Bad configuration stops the host at start with a failure that names the configuration key to fix.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly FakePlatformApi _platform = new();

    public void Dispose() => _platform.Dispose();

    public static TheoryData<string, string?, string> BadSettings() => new()
    {
        { "Connctd:PublicKey", "", "Connctd:PublicKey" },
        { "Connctd:PublicKey", "   ", "Connctd:PublicKey" },
        { "Connctd:PublicKey", "this is not base64!", "Connctd:PublicKey" },
        { "Connctd:PublicKey", Convert.ToBase64String(new byte[31]), "Connctd:PublicKey" },
        { "Connctd:PublicKey", Convert.ToBase64String(new byte[33]), "Connctd:PublicKey" },
        { "Connctd:PlatformUrl", "api/v1/", "Connctd:PlatformUrl" },
        { "Connctd:PlatformUrl", "ftp://connectors.example.com/api/v1/", "Connctd:PlatformUrl" },
        { "Connctd:AllowedClockSkew", "00:00:00", "Connctd:AllowedClockSkew" },
        { "Connctd:MaxRequestBodySize", "10", "Connctd:MaxRequestBodySize" },
        { "Connctd:SignedUrl:Mode", "PublicBaseUrl", "Connctd:SignedUrl:PublicBaseUrl" },
        { "Connctd:SignedUrl:Mode", "ForwardedHeaders", "Connctd:SignedUrl:TrustedProxies" },
        { "Connctd:Upgrade:Version", "-1", "Connctd:Upgrade:Version" },
        { "Connctd:Upgrade:Instances:0", " ", "Connctd:Upgrade:Instances:0" },
        { "Connctd:Upgrade:Installations:0", " ", "Connctd:Upgrade:Installations:0" },
        { "Connctd:Upgrade:LeaseDuration", "00:00:00.500", "Connctd:Upgrade:LeaseDuration" },
        { "Connctd:Upgrade:RetryDelay", "00:20:00", "Connctd:Upgrade:RetryDelay" },
        { "Connctd:Upgrade:PollInterval", "00:00:00", "Connctd:Upgrade:PollInterval" },
        { "Connctd:Upgrade:Version", "two", "Connctd:Upgrade:Version" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task StartAsync_BadSetting_ThrowsOptionsValidationNamingTheKey(string key, string? value, string named)
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Equal(typeof(ConnctdConnectorOptions), exception.OptionsType);
        Assert.Contains(exception.Failures, failure => failure.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_BadKeyInPublicKeysList_NamesItsIndex()
    {
        using RequestSigner valid = RequestSigner.Generate();
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKeys:0"] = valid.PublicKey.ToBase64(),
            ["Connctd:PublicKeys:1"] = Convert.ToBase64String(new byte[31]),
        });

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        string failure = Assert.Single(exception.Failures);
        Assert.Contains("Connctd:PublicKeys:1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PublicBaseUrlWithQuery_ThrowsOptionsValidation()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:SignedUrl:Mode"] = "PublicBaseUrl",
            ["Connctd:SignedUrl:PublicBaseUrl"] = "https://public.example.com/?x=1",
        });

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(exception.Failures, failure => failure.Contains("Connctd:SignedUrl:PublicBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_UnparsableTrustedProxy_ThrowsOptionsValidation()
    {
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:SignedUrl:Mode"] = "ForwardedHeaders",
            ["Connctd:SignedUrl:TrustedProxies:0"] = "10.0.0.0/99",
        });

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(exception.Failures, failure => failure.Contains("Connctd:SignedUrl:TrustedProxies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_ValidSettings_Starts()
    {
        using RequestSigner second = RequestSigner.Generate();
        await using ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKeys:0"] = second.PublicKey.ToBase64(),
            ["Connctd:SignedUrl:Mode"] = "ForwardedHeaders",
            ["Connctd:SignedUrl:TrustedProxies:0"] = "10.0.0.0/8",
            ["Connctd:SignedUrl:TrustedProxies:1"] = "192.168.1.7",
        });

        await host.StartAsync();

        Assert.Equal(2, host.Services.GetRequiredServiceOptions().GetAllPublicKeys().Count);
    }
}

internal static class ServiceProviderOptionsExtensions
{
    public static ConnctdConnectorOptions GetRequiredServiceOptions(this IServiceProvider services) =>
        ((IOptions<ConnctdConnectorOptions>)services.GetService(typeof(IOptions<ConnctdConnectorOptions>))!).Value;
}
