using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Configuration;

namespace Connctd.Connector.Sdk.AspNetCore.Tests;

public sealed class ConfigurationSchemaTests : IAsyncLifetime
{
    private static readonly ConnectorConfigurationSchema Schema = new(
        installation:
        [
            ConfigurationParameter.Password("apiKey", "API key") with { Required = true },
            ConfigurationParameter.Text("region", "Region") with { ValidationExpression = "^(eu|us)$" },
        ],
        instance:
        [
            ConfigurationParameter.Number("lamps", "Number of lamps"),
        ]);

    private readonly FakePlatformApi _platform = new();
    private ConnectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = ConnectorTestHost.Create(_platform);
        _host.ConfigureConnector = connector => connector.UseConfigurationSchema(Schema);
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _platform.Dispose();
    }

    [Theory]
    [InlineData("""[{"id":"region","value":"eu"}]""", "apiKey")]
    [InlineData("""[{"id":"apiKey","value":"s3cr3t-pa55word"},{"id":"region","value":"mars"}]""", "region")]
    public async Task Install_ConfigurationViolatesSchema_Forbidden403NamingParameterAndHookNotRun(string configuration, string parameter)
    {
        using CallbackSender callbacks = _host.Callbacks();

        using HttpResponseMessage response = await callbacks.InstallAsync("inst-1", configuration: configuration);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("FORBIDDEN", await CallbackSender.ErrorCodeAsync(response));
        string description = (await CallbackSender.JsonAsync(response)).GetProperty("description").GetString()!;
        Assert.Contains(parameter, description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pa55word", description, StringComparison.Ordinal);
        Assert.Empty(_host.Behavior.Calls);
        Assert.DoesNotContain("s3cr3t-pa55word", _host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAndInstantiate_ValidConfiguration_Created()
    {
        using CallbackSender callbacks = _host.Callbacks();

        using HttpResponseMessage installed = await callbacks.InstallAsync("inst-1", configuration: """[{"id":"apiKey","value":"k"},{"id":"region","value":"us"}]""");
        using HttpResponseMessage refused = await callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"many"}]""");
        using HttpResponseMessage instantiated = await callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"1"}]""");

        Assert.Equal(HttpStatusCode.Created, installed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("lamps", (await CallbackSender.JsonAsync(refused)).GetProperty("description").GetString()!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, instantiated.StatusCode);
        Assert.Single(_platform.ThingCreations());
    }
}
