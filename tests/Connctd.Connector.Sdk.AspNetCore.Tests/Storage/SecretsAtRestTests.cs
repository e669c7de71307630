using System.Net;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Storage;

/// <summary>
/// Values of PASSWORD parameters are encrypted in the store with the tokens' protection, read in clear only on
/// purpose and masked everywhere else: in the SQLite file, the logs and the health output, across a full lifecycle
/// and a restart.
/// </summary>
public sealed class SecretsAtRestTests : HostedTest
{
    private const string ApiKey = "ApiKey-S3cret-7f3a9c41";
    private const string HubPassword = "HubPa55word-91d2e0b7";

    private static readonly ConnectorConfigurationSchema Schema = new(
        installation:
        [
            ConfigurationParameter.Password("apiKey", "API key") with { Required = true },
            ConfigurationParameter.Text("region", "Region"),
        ],
        instance:
        [
            ConfigurationParameter.Password("hubPassword", "Hub password"),
            ConfigurationParameter.Number("lamps", "Number of lamps"),
        ]);

    private readonly List<string> _seenByHooks = [];

    protected override void Configure(ConnectorTestHost host)
    {
        host.ConfigureConnector = connector =>
        {
            connector.UseConfigurationSchema(Schema);
            connector.Services.AddHealthChecks().AddConnctdConnectorChecks();
        };
        host.ConfigureApp = app => app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteEverythingAsync });
    }

    [Fact]
    public async Task FullLifecycle_PasswordValues_NeverInTheDatabaseFileLogsOrHealthOutput_AndReadOnPurposeInClear()
    {
        ILogger author = Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Author");
        Behavior.Install = (context, _) =>
        {
            ConfigurationValues values = context.Installation.Configuration;
            LogCarelessly(author, values);
            _seenByHooks.Add(values.GetSecret("apiKey"));
            Assert.True(values.TryGetSecret("apiKey", out string? key) && key == ApiKey);
            Assert.True(values.IsSecret("apiKey"));
            Assert.False(values.IsSecret("region"));
            Assert.Equal(ConfigurationParameterSet.Mask, values["apiKey"]);
            Assert.Equal(ConfigurationParameterSet.Mask, values.GetString("apiKey"));
            Assert.Equal("eu", values["region"]);
            Assert.DoesNotContain(ApiKey, values.Values);
            Assert.DoesNotContain(values.ToList(), value => value.Value == ApiKey);
            return ValueTask.FromResult(SetupOutcome.Completed());
        };
        Behavior.Instantiate = (context, _) =>
        {
            LogCarelessly(author, context.Instance.Configuration);
            LogCarelessly(author, context.Installation.Configuration);
            _seenByHooks.Add(context.Instance.Configuration.GetSecret("hubPassword"));
            _seenByHooks.Add(context.Installation.Configuration.GetSecret("apiKey"));
            return ValueTask.FromResult(SetupOutcome.Completed());
        };
        Behavior.Action = (context, _) =>
        {
            LogCarelessly(author, context.Instance.Configuration);
            _seenByHooks.Add(context.Instance.Configuration.GetSecret("hubPassword"));
            return ValueTask.FromResult(ActionOutcome.Completed());
        };
        Behavior.RemoveInstance = context =>
        {
            LogCarelessly(author, context.Instance.Configuration);
            _seenByHooks.Add(context.Instance.Configuration.GetSecret("hubPassword"));
            return ValueTask.CompletedTask;
        };
        Behavior.Uninstall = context =>
        {
            LogCarelessly(author, context.Installation.Configuration);
            _seenByHooks.Add(context.Installation.Configuration.GetSecret("apiKey"));
            return ValueTask.CompletedTask;
        };

        using HttpResponseMessage installed = await Callbacks.InstallAsync(
            "inst-1", configuration: $$"""[{"id":"apiKey","value":"{{ApiKey}}"},{"id":"region","value":"eu"}]""");
        await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        await AssertNowhereAsync();

        using HttpResponseMessage instantiated = await Callbacks.InstantiateAsync(
            "i-1", "inst-1", configuration: $$"""[{"id":"hubPassword","value":"{{HubPassword}}"},{"id":"lamps","value":"2"}]""");
        await ProtocolAssert.StatusAsync(instantiated, HttpStatusCode.Created);
        await AssertNowhereAsync();

        // What the store keeps: the PASSWORD values encrypted and listed as such, the others as given.
        InstallationRecord installation = (await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None))!;
        Assert.Equal(["apiKey"], installation.ProtectedConfigurationIds);
        Assert.NotEqual(ApiKey, installation.Configuration.Single(value => value.Id == "apiKey").Value);
        Assert.Equal("eu", installation.Configuration.Single(value => value.Id == "region").Value);
        InstanceRecord instance = (await Host.Store.GetInstanceAsync("i-1", CancellationToken.None))!;
        Assert.Equal(["hubPassword"], instance.ProtectedConfigurationIds);
        Assert.Equal("2", instance.Configuration.Single(value => value.Id == "lamps").Value);

        // A fresh process on the same store decrypts them.
        await RestartAsync();
        Instance reloaded = Assert.Single(await Host.ConnectorPlatform.GetInstancesAsync("inst-1"));
        Assert.Equal(HubPassword, reloaded.Configuration.GetSecret("hubPassword"));
        Assert.Equal(ConfigurationParameterSet.Mask, reloaded.Configuration["hubPassword"]);
        Assert.Equal("2", reloaded.Configuration["lamps"]);
        Assert.Equal(ApiKey, Assert.Single(await Host.ConnectorPlatform.GetInstallationsAsync()).Configuration.GetSecret("apiKey"));

        using HttpResponseMessage acted = await Callbacks.ActAsync("a-1", "thing-1");
        await ProtocolAssert.StatusAsync(acted, HttpStatusCode.NoContent);
        using HttpResponseMessage removed = await Callbacks.RemoveInstanceAsync("i-1");
        await ProtocolAssert.StatusAsync(removed, HttpStatusCode.NoContent);
        using HttpResponseMessage uninstalled = await Callbacks.UninstallAsync("inst-1");
        await ProtocolAssert.StatusAsync(uninstalled, HttpStatusCode.NoContent);
        await AssertNowhereAsync();

        Assert.Equal([ApiKey, HubPassword, ApiKey, HubPassword, HubPassword, ApiKey], _seenByHooks);
        Assert.Contains("apiKey=***", Host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeat_OfACompletedInstallation_StoresTheRenewedPasswordEncrypted()
    {
        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1", configuration: """[{"id":"apiKey","value":"first-key-value"}]""");
        await ProtocolAssert.StatusAsync(first, HttpStatusCode.Created);

        using HttpResponseMessage repeated = await Callbacks.InstallAsync("inst-1", configuration: $$"""[{"id":"apiKey","value":"{{ApiKey}}"}]""");

        Assert.True(repeated.IsSuccessStatusCode);
        Assert.Equal(ApiKey, Assert.Single(await Host.ConnectorPlatform.GetInstallationsAsync()).Configuration.GetSecret("apiKey"));
        await AssertNowhereAsync();
        Assert.False(ContainsInDatabaseFiles("first-key-value"));
    }

    /// <summary>An author who logs the values whole, as a dictionary, as its values, as text.</summary>
    private static void LogCarelessly(ILogger logger, ConfigurationValues values)
    {
#pragma warning disable CA1848, CA1873, CA2254 // An author's careless logging, on purpose.
        logger.LogInformation("Configuration {Values}", values);
        logger.LogInformation("Configuration {Values}", string.Join(", ", values.Select(pair => $"{pair.Key}={pair.Value}")));
        logger.LogInformation("Configuration {Values}", string.Join(", ", values.Values));
        logger.LogInformation("Configuration {Values}", JsonSerializer.Serialize(values.ToList(), Serialization.ConnctdJson.GetTypeInfo<IReadOnlyList<ConfigurationValue>>()));
        logger.LogInformation($"Configuration {values}");
#pragma warning restore CA1848, CA1873, CA2254
    }

    private async Task AssertNowhereAsync()
    {
        foreach (string secret in new[] { ApiKey, HubPassword })
        {
            Assert.False(ContainsInDatabaseFiles(secret), $"A PASSWORD value is in the database files.");
            Assert.DoesNotContain(secret, Host.AllLogText(), StringComparison.Ordinal);
        }

        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        string health = await client.GetStringAsync(new Uri("health", UriKind.Relative));
        Assert.Contains(ConnctdHealthCheckNames.Store, health, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, health, StringComparison.Ordinal);
        Assert.DoesNotContain(HubPassword, health, StringComparison.Ordinal);
    }

    /// <summary>Reads the SQLite file and its WAL raw, bytes as they are on disk, in UTF-8 and UTF-16.</summary>
    private bool ContainsInDatabaseFiles(string secret)
    {
        string path = ((SqliteConnectorStore)Host.Store).DatabasePath;
        Assert.True(File.Exists(path));
        foreach (string file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes every entry of the report: status, description, data and exception.</summary>
    private static Task WriteEverythingAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var text = new StringBuilder();
        foreach ((string name, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReportEntry entry) in report.Entries)
        {
            text.Append(name).Append(' ').Append(entry.Status).Append(' ').Append(entry.Description).Append(' ').Append(entry.Exception);
            foreach ((string key, object value) in entry.Data)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            text.Append('\n');
        }

        return context.Response.WriteAsync(text.ToString());
    }
}
