using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Storage;

/// <summary>
/// A database of schema version 4 (before protected ids), whose rows hold PASSWORD values in clear, is upgraded at the
/// next start: the schema step adds the column, the data step encrypts the values; a later start changes nothing.
/// </summary>
public sealed class StoredSecretsMigrationTests : HostedTest
{
    private const string ApiKey = "ApiKey-Migrated-0c55a7e2";
    private const string HubPassword = "HubPassword-Migrated-6e0f3b19";

    private static readonly ConnectorConfigurationSchema Schema = new(
        installation: [ConfigurationParameter.Password("apiKey", "API key"), ConfigurationParameter.Text("region", "Region")],
        instance: [ConfigurationParameter.Password("hubPassword", "Hub password"), ConfigurationParameter.Number("lamps", "Lamps")]);

    private ConnectorConfigurationSchema? _schema;

    protected override void Configure(ConnectorTestHost host) =>
        host.ConfigureConnector = connector =>
        {
            if (_schema is not null)
            {
                connector.UseConfigurationSchema(_schema);
            }
        };

    [Fact]
    public async Task Start_Version4DatabaseWithClearPasswordValues_EncryptsThemAndKeepsEverythingReadable()
    {
        // Written by a connector without a schema: every value as it came, as version 4 stored it.
        using (HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1", configuration: $$"""[{"id":"apiKey","value":"{{ApiKey}}"},{"id":"region","value":"eu"}]"""))
        {
            await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        }

        using (HttpResponseMessage instantiated = await Callbacks.InstantiateAsync("i-1", "inst-1", configuration: $$"""[{"id":"hubPassword","value":"{{HubPassword}}"},{"id":"lamps","value":"2"}]"""))
        {
            await ProtocolAssert.StatusAsync(instantiated, HttpStatusCode.Created);
        }

        await Host.StopAsync();
        await DowngradeToVersion4Async();
        Assert.Contains(ApiKey, Assert.Single(await ReadRowsAsync("SELECT configuration FROM installations;")), StringComparison.Ordinal);

        _schema = Schema;
        await RestartAsync();

        Assert.Equal(SqliteConnectorStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(await ReadRowsAsync("SELECT CAST(MAX(version) AS TEXT) FROM schema_version;")));
        string installation = Assert.Single(await ReadRowsAsync("SELECT configuration || ' ' || protected_ids FROM installations;"));
        Assert.DoesNotContain(ApiKey, installation, StringComparison.Ordinal);
        Assert.Contains("\"region\",\"value\":\"eu\"", installation, StringComparison.Ordinal);
        Assert.EndsWith("[\"apiKey\"]", installation, StringComparison.Ordinal);
        string instance = Assert.Single(await ReadRowsAsync("SELECT configuration || ' ' || protected_ids FROM instances;"));
        Assert.DoesNotContain(HubPassword, instance, StringComparison.Ordinal);
        Assert.EndsWith("[\"hubPassword\"]", instance, StringComparison.Ordinal);
        Assert.Contains(Host.Logs.GetSnapshot(), record => record.Id.Id == 3024 && record.Message.Contains('2', StringComparison.Ordinal));

        Installation read = Assert.Single(await Host.ConnectorPlatform.GetInstallationsAsync());
        Assert.Equal(ApiKey, read.Configuration.GetSecret("apiKey"));
        Assert.Equal(ConfigurationParameterSet.Mask, read.Configuration["apiKey"]);
        Assert.Equal(HubPassword, Assert.Single(await Host.ConnectorPlatform.GetInstancesAsync("inst-1")).Configuration.GetSecret("hubPassword"));

        // Idempotent: another start leaves the rows as they are.
        IReadOnlyList<string> before = await SnapshotAsync();
        await RestartAsync();
        Assert.Equal(before, await SnapshotAsync());
        Assert.DoesNotContain(ApiKey, Host.AllLogText(), StringComparison.Ordinal);
        Assert.DoesNotContain(HubPassword, Host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutASchema_LeavesTheValuesAsTheyCame()
    {
        using (HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1", configuration: $$"""[{"id":"apiKey","value":"{{ApiKey}}"}]"""))
        {
            await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        }

        await RestartAsync();

        Assert.Equal($$"""[{"id":"apiKey","value":"{{ApiKey}}"}] []""", Assert.Single(await ReadRowsAsync("SELECT configuration || ' ' || protected_ids FROM installations;")));
        ConfigurationValues values = Assert.Single(await Host.ConnectorPlatform.GetInstallationsAsync()).Configuration;
        Assert.Equal(ApiKey, values["apiKey"]);
        Assert.False(values.IsSecret("apiKey"));
    }

    /// <summary>Makes the file what version 4 of the store left: no protected ids column (5), no upgrade state (6), no property values (7).</summary>
    private async Task DowngradeToVersion4Async() => await ExecuteAsync("""
        DROP TABLE property_values;
        DROP TABLE upgrades;
        ALTER TABLE installations DROP COLUMN protected_ids;
        ALTER TABLE instances DROP COLUMN protected_ids;
        DELETE FROM schema_version WHERE version IN (5, 6, 7);
        """);

    private async Task<IReadOnlyList<string>> SnapshotAsync() =>
        [
            .. await ReadRowsAsync("SELECT id || ' ' || configuration || ' ' || protected_ids || ' ' || updated_at FROM installations ORDER BY id;"),
            .. await ReadRowsAsync("SELECT id || ' ' || configuration || ' ' || protected_ids || ' ' || updated_at FROM instances ORDER BY id;"),
        ];

    private string DatabasePath => Path.Combine(Host.Directory, SqliteConnectorStoreOptions.DefaultDatabasePath);

    private async Task ExecuteAsync(string sql)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private Task<IReadOnlyList<string>> ReadRowsAsync(string sql) => SqliteRows.ReadAsync(DatabasePath, sql);
}
