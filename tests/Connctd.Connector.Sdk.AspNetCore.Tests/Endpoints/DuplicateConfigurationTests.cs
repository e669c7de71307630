using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>
/// A configuration parameter given twice is refused with 403 FORBIDDEN naming it, like every other configuration
/// refusal, also when the connector declares no schema: no value may silently win.
/// </summary>
public sealed class DuplicateConfigurationTests : HostedTest
{
    [Fact]
    public async Task Install_NoSchemaParameterGivenTwice_Answers403AndKeepsNothing()
    {
        using HttpResponseMessage response = await Callbacks.InstallAsync(
            "inst-1", configuration: """[{"id":"apiKey","value":"first"},{"id":"region","value":"eu"},{"id":"apiKey","value":"second"}]""");

        var body = await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        string description = body.GetProperty("description").GetString()!;
        Assert.Contains("apiKey: DUPLICATE", description, StringComparison.Ordinal);
        Assert.DoesNotContain("region", description, StringComparison.Ordinal);
        Assert.DoesNotContain("first", description, StringComparison.Ordinal);
        Assert.DoesNotContain("second", description, StringComparison.Ordinal);
        Assert.Empty(Behavior.Calls);
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Instantiate_NoSchemaParameterGivenTwice_Answers403AndCreatesNoThing()
    {
        using (HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1"))
        {
            await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        }

        using HttpResponseMessage response = await Callbacks.InstantiateAsync(
            "i-1", "inst-1", configuration: """[{"id":"lamps","value":"1"},{"id":"lamps","value":"3"}]""");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        Assert.Equal(0, Behavior.CallCount("instantiate:"));
    }

    [Fact]
    public async Task Install_NoSchemaDistinctParameters_Answers201()
    {
        using HttpResponseMessage response = await Callbacks.InstallAsync(
            "inst-1", configuration: """[{"id":"apiKey","value":"k"},{"id":"ApiKey","value":"other case, other parameter"}]""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
    }
}
