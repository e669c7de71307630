using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Things;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Cli.Tests;

/// <summary>
/// The callback commands against a real connector whose schema declares PASSWORD parameters: the values reach the
/// connector, which reads them on purpose, and never appear in the CLI's output (text or JSON) or the connector's
/// health output.
/// </summary>
public sealed class SecretConfigurationTests : IAsyncLifetime
{
    private const string ApiKey = "cli-ApiKey-SECRET-44e1";
    private const string HubPassword = "cli-HubPassword-SECRET-90ab";

    private readonly CliTestHost _cli = new();
    private readonly RequestSigner _publication = RequestSigner.Generate();
    private readonly string _directory = Directory.CreateTempSubdirectory("connctd-cli-connector-").FullName;
    private readonly SecretsSeen _seen = new();
    private WebApplication _connector = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _cli.Variables["CONNCTD_PRIVATE_KEY"] = _publication.ExportPrivateKeySeedBase64();
        _cli.Variables["API_KEY"] = ApiKey;

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connctd:PublicKey"] = _publication.PublicKey.ToBase64(),
            ["Connctd:PlatformUrl"] = _cli.Server.Url + "/api/v1/",
        });
        builder.Services.AddSingleton(_seen);
        builder.Services.AddConnctdConnector<SecretConnector>(builder.Configuration.GetSection("Connctd"))
            .UseConfigurationSchema(new ConnectorConfigurationSchema(
                installation: [ConfigurationParameter.Password("apiKey", "API key"), ConfigurationParameter.Text("region", "Region")],
                instance: [ConfigurationParameter.Password("hubPassword", "Hub password")]));
        builder.Services.AddHealthChecks().AddConnctdConnectorChecks();
        _connector = builder.Build();
        _connector.MapConnctdConnector("/connctd");
        _connector.MapHealthChecks("/health");
        await _connector.StartAsync();
        _url = _connector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/connctd";
    }

    public async Task DisposeAsync()
    {
        await _connector.StopAsync();
        await _connector.DisposeAsync();
        _publication.Dispose();
        _cli.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task CallbackCommands_PasswordValues_ReachTheConnectorButNeverTheOutput()
    {
        string output = "";
        foreach (string[] extra in new[] { Array.Empty<string>(), ["--json"] })
        {
            string id = extra.Length == 0 ? "inst-text" : "inst-json";
            AssertOk(await _cli.RunAsync([
                "callback", "install", "--url", _url + "/installations", "--id", id,
                "--config", "region=eu", "--config-env", "apiKey=API_KEY", .. extra]));
            output += _cli.Output + _cli.Error;

            AssertOk(await _cli.RunWithInputAsync($"hubPassword={HubPassword}\n", [
                "callback", "instantiate", "--url", _url + "/instances", "--id", "i-" + id, "--installation-id", id,
                "--config-stdin", .. extra]));
            output += _cli.Output + _cli.Error;

            AssertOk(await _cli.RunAsync(["callback", "remove-instance", "i-" + id, "--url", _url + "/instances", .. extra]));
            output += _cli.Output + _cli.Error;
            AssertOk(await _cli.RunAsync(["callback", "remove-installation", id, "--url", _url + "/installations", .. extra]));
            output += _cli.Output + _cli.Error;
        }

        Assert.Equal([ApiKey, ApiKey, HubPassword, ApiKey, ApiKey, HubPassword], _seen.Values);
        Assert.Contains("201", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(HubPassword, output, StringComparison.Ordinal);

        using var client = new HttpClient();
        string health = await client.GetStringAsync(new Uri(_url.Replace("/connctd", "/health", StringComparison.Ordinal)));
        Assert.Equal("Healthy", health);
    }

    private void AssertOk(int exitCode) => Assert.True(exitCode == 0, $"Exit code {exitCode}: {_cli.Output} {_cli.Error}");

    /// <summary>The clear values the connector read on purpose.</summary>
    private sealed class SecretsSeen
    {
        public List<string> Values { get; } = [];
    }

    private sealed class SecretConnector(SecretsSeen seen) : AspNetCore.Connector
    {
        public override ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken)
        {
            seen.Values.Add(context.Installation.Configuration.GetSecret("apiKey"));
            return ValueTask.FromResult(SetupOutcome.Completed());
        }

        public override ValueTask<SetupOutcome> OnInstantiateAsync(InstanceContext context, CancellationToken cancellationToken)
        {
            seen.Values.Add(context.Installation.Configuration.GetSecret("apiKey"));
            seen.Values.Add(context.Instance.Configuration.GetSecret("hubPassword"));
            return ValueTask.FromResult(SetupOutcome.Completed());
        }

        public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ThingTemplate>>([]);
    }
}
