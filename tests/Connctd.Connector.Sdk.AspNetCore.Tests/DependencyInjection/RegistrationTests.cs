using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.DependencyInjection;

/// <summary>AddConnctdConnector and MapConnctdConnector as an application uses them.</summary>
public sealed class RegistrationTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connctd-tests", Guid.NewGuid().ToString("N"));
    private readonly FakePlatformApi _platform = new();
    private readonly List<ConnectorTestHost> _hosts = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (ConnectorTestHost host in _hosts)
        {
            await host.DisposeAsync();
        }

        _platform.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the directory is under the temp path.
        }
    }

    [Fact]
    public async Task MapConnctdConnector_WithoutAddConnctdConnector_ThrowsNamingTheRegistration()
    {
        WebApplicationBuilder builder = CreateBuilder();
        await using WebApplication app = builder.Build();

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => app.MapConnctdConnector("/connctd"));

        Assert.Contains("AddConnctdConnector", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddConnctdConnector_WithOptionsInCode_StartsAndAnswersCallbacks()
    {
        using RequestSigner signer = RequestSigner.Generate();
        WebApplicationBuilder builder = CreateBuilder();
        builder.Services.AddSingleton(new TestConnectorBehavior());
        builder.Services.AddConnctdConnector<TestConnector>(options =>
        {
            options.PublicKey = signer.PublicKey.ToBase64();
            options.PlatformUrl = _platform.BaseUrl;
        });
        await using WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        await app.StartAsync();

        using var callbacks = new CallbackSender(new Uri(app.Urls.First()), signer);
        using HttpResponseMessage response = await callbacks.InstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        await app.StopAsync();
    }

    [Fact]
    public async Task AddConnctdConnector_WithOptionsInCodeWithoutKey_ThrowsOptionsValidationAtStart()
    {
        WebApplicationBuilder builder = CreateBuilder();
        builder.Services.AddSingleton(new TestConnectorBehavior());
        builder.Services.AddConnctdConnector<TestConnector>(options => options.PlatformUrl = _platform.BaseUrl);
        await using WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(exception.Failures, failure => failure.Contains("Connctd:PublicKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MapConnctdConnector_CustomPrefix_AnswersCallbacksUnderPrefix()
    {
        ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        _hosts.Add(host);
        host.Prefix = "/hooks/v1";
        await host.StartAsync();
        using CallbackSender callbacks = host.Callbacks();

        using HttpResponseMessage response = await callbacks.PostAsync(
            "/hooks/v1/installations", """{"id":"inst-1","token":"t","state":1,"configuration":[]}""");
        using HttpResponseMessage outside = await callbacks.PostAsync(
            "/connctd/installations", """{"id":"inst-2","token":"t","state":1,"configuration":[]}""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task MapConnctdConnector_Conventions_ApplyToEveryCallbackEndpoint()
    {
        using RequestSigner signer = RequestSigner.Generate();
        WebApplicationBuilder builder = CreateBuilder(("Connctd:PublicKey", signer.PublicKey.ToBase64()));
        builder.Services.AddSingleton(new TestConnectorBehavior());
        builder.Services.AddConnctdConnector<TestConnector>(builder.Configuration.GetSection("Connctd"));
        await using WebApplication app = builder.Build();

        app.MapConnctdConnector("/connctd").WithMetadata(new ConventionMarker());

        RouteEndpoint[] endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToArray();
        string[] callbackPatterns = ["/connctd/installations", "/connctd/installations/{id}", "/connctd/instances", "/connctd/instances/{id}", "/connctd/actions"];
        foreach (string pattern in callbackPatterns)
        {
            RouteEndpoint[] matching = endpoints.Where(endpoint => endpoint.RoutePattern.RawText == pattern).ToArray();
            Assert.NotEmpty(matching);
            Assert.All(matching, endpoint => Assert.NotNull(endpoint.Metadata.GetMetadata<ConventionMarker>()));
        }
    }

    [Fact]
    public async Task PublicKeys_TwoKeysConfigured_AcceptsBothAndRefusesOthers()
    {
        using RequestSigner oldKey = RequestSigner.Generate();
        using RequestSigner newKey = RequestSigner.Generate();
        using RequestSigner unknownKey = RequestSigner.Generate();
        ConnectorTestHost host = ConnectorTestHost.Create(_platform, oldKey);
        _hosts.Add(host);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKeys:0"] = newKey.PublicKey.ToBase64(),
        });
        await host.StartAsync();
        using CallbackSender callbacks = host.Callbacks();

        using HttpResponseMessage signedOld = await SendInstallAsync(callbacks, "inst-old", oldKey);
        using HttpResponseMessage signedNew = await SendInstallAsync(callbacks, "inst-new", newKey);
        using HttpResponseMessage signedUnknown = await SendInstallAsync(callbacks, "inst-unknown", unknownKey);

        await ProtocolAssert.StatusAsync(signedOld, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(signedNew, HttpStatusCode.Created);
        await ProtocolAssert.ErrorAsync(signedUnknown, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
    }

    [Fact]
    public async Task PublicKeys_ListOnlyWithoutPublicKey_AcceptsListedKeys()
    {
        using RequestSigner first = RequestSigner.Generate();
        using RequestSigner second = RequestSigner.Generate();
        ConnectorTestHost host = ConnectorTestHost.Create(_platform, first);
        _hosts.Add(host);
        host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKey"] = "",
            ["Connctd:PublicKeys:0"] = first.PublicKey.ToBase64(),
            ["Connctd:PublicKeys:1"] = second.PublicKey.ToBase64(),
        });
        await host.StartAsync();
        using CallbackSender callbacks = host.Callbacks();

        using HttpResponseMessage signedFirst = await SendInstallAsync(callbacks, "inst-1", first);
        using HttpResponseMessage signedSecond = await SendInstallAsync(callbacks, "inst-2", second);

        await ProtocolAssert.StatusAsync(signedFirst, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(signedSecond, HttpStatusCode.Created);
    }

    [Fact]
    public async Task PublicKey_ChangedByConfigurationReload_TakesEffectWithoutRestart()
    {
        using RequestSigner oldKey = RequestSigner.Generate();
        using RequestSigner newKey = RequestSigner.Generate();
        ConnectorTestHost host = ConnectorTestHost.Create(_platform, oldKey);
        _hosts.Add(host);
        await host.StartAsync();
        using CallbackSender callbacks = host.Callbacks();
        using HttpResponseMessage before = await SendInstallAsync(callbacks, "inst-before", oldKey);

        var configuration = (IConfigurationRoot)host.App.Configuration;
        configuration["Connctd:PublicKey"] = newKey.PublicKey.ToBase64();
        configuration.Reload();
        using HttpResponseMessage signedOld = await SendInstallAsync(callbacks, "inst-old", oldKey);
        using HttpResponseMessage signedNew = await SendInstallAsync(callbacks, "inst-new", newKey);

        await ProtocolAssert.StatusAsync(before, HttpStatusCode.Created);
        await ProtocolAssert.ErrorAsync(signedOld, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
        await ProtocolAssert.StatusAsync(signedNew, HttpStatusCode.Created);
    }

    [Fact]
    public async Task DataProtection_ApplicationSetsItsOwnName_KeepsIt()
    {
        ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        _hosts.Add(host);
        host.ConfigureConnector = connector => connector.Services.AddDataProtection().SetApplicationName("my-lamp-app");
        await host.StartAsync();

        DataProtectionOptions options = host.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value;

        Assert.Equal("my-lamp-app", options.ApplicationDiscriminator);
    }

    [Fact]
    public async Task DataProtection_ByDefault_DoesNotDependOnContentRoot()
    {
        ConnectorTestHost host = ConnectorTestHost.Create(_platform);
        _hosts.Add(host);
        await host.StartAsync();

        DataProtectionOptions options = host.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value;

        Assert.False(string.IsNullOrEmpty(options.ApplicationDiscriminator));
        Assert.DoesNotContain(host.Directory.TrimEnd(Path.DirectorySeparatorChar), options.ApplicationDiscriminator, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendInstallAsync(CallbackSender callbacks, string id, RequestSigner signer) =>
        callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations",
            Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","token":"t","state":1,"configuration":[]}"""), signWith: signer);

    private WebApplicationBuilder CreateBuilder(params (string Key, string? Value)[] settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)));
        return builder;
    }

    private sealed class ConventionMarker;
}
