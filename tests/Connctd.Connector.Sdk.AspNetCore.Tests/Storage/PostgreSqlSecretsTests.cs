using System.Net;
using System.Security.Cryptography;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.TestInfrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Storage;

/// <summary>
/// On PostgreSQL: no PASSWORD value in any row of any table of the store's schema across a full lifecycle; a restart
/// with the same key ring key reads them, one with another key refuses to start and changes no row; rows of schema
/// version 2 holding them in clear are encrypted at the next start.
/// </summary>
public sealed class PostgreSqlSecretsTests : IAsyncLifetime
{
    private const string ApiKey = "ApiKey-Postgres-8d41f09a";
    private const string HubPassword = "HubPassword-Postgres-2a93c6e4";

    private static readonly ConnectorConfigurationSchema Schema = new(
        installation: [ConfigurationParameter.Password("apiKey", "API key")],
        instance: [ConfigurationParameter.Password("hubPassword", "Hub password"), ConfigurationParameter.Number("lamps", "Lamps")]);

    private readonly FakePlatformApi _platform = new();
    private readonly string _schema = "secrets_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private ConnectorTestHost _host = null!;
    private string? _configuredKey;
    private ConnectorConfigurationSchema? _configurationSchema = Schema;

    public Task InitializeAsync()
    {
        _host = ConnectorTestHost.Create(_platform);
        _host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Connctd:KeyRing:Key"] = _configuredKey });
        _host.ConfigureConnector = connector =>
        {
            connector.UsePostgreSql(PostgresServer.ConnectionString, options => options.Schema = _schema);
            if (_configurationSchema is not null)
            {
                connector.UseConfigurationSchema(_configurationSchema);
            }
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _platform.Dispose();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");
    }

    [Fact]
    public async Task FullLifecycle_PasswordValues_NeverInAnyRow_AndRestartWithTheSameKeyReadsThem()
    {
        _configuredKey = _key;
        await _host.StartAsync();
        await InstallAndInstantiateAsync();
        await AssertNoRowHoldsASecretAsync();

        await _host.RestartAsync();
        Assert.Equal(ApiKey, Assert.Single(await _host.ConnectorPlatform.GetInstallationsAsync()).Configuration.GetSecret("apiKey"));
        Assert.Equal(HubPassword, Assert.Single(await _host.ConnectorPlatform.GetInstancesAsync("inst-1")).Configuration.GetSecret("hubPassword"));

        using CallbackSender callbacks = _host.Callbacks();
        using (HttpResponseMessage acted = await callbacks.ActAsync("a-1", "thing-1"))
        {
            await ProtocolAssert.StatusAsync(acted, HttpStatusCode.NoContent);
        }

        using (HttpResponseMessage removed = await callbacks.RemoveInstanceAsync("i-1"))
        {
            await ProtocolAssert.StatusAsync(removed, HttpStatusCode.NoContent);
        }

        using (HttpResponseMessage uninstalled = await callbacks.UninstallAsync("inst-1"))
        {
            await ProtocolAssert.StatusAsync(uninstalled, HttpStatusCode.NoContent);
        }

        await AssertNoRowHoldsASecretAsync();
        Assert.DoesNotContain(ApiKey, _host.AllLogText(), StringComparison.Ordinal);
        Assert.DoesNotContain(HubPassword, _host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_WithAnotherKey_FailsAtStart_AndChangesNoRow()
    {
        _configuredKey = _key;
        await _host.StartAsync();
        await InstallAndInstantiateAsync();
        await _host.StopAsync();
        IReadOnlyList<string> before = await AllRowsAsync();

        _configuredKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(_host.StartAsync);

        Assert.Contains("Connctd:KeyRing:Key", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, await AllRowsAsync());
    }

    [Fact]
    public async Task Start_Version2RowsWithClearPasswordValues_EncryptsThem()
    {
        _configurationSchema = null;
        await _host.StartAsync();
        await InstallAndInstantiateAsync();
        await _host.StopAsync();
        await ExecuteAsync($"""
            DROP TABLE "{_schema}".property_values;
            DROP TABLE "{_schema}".upgrades;
            ALTER TABLE "{_schema}".installations DROP COLUMN protected_ids;
            ALTER TABLE "{_schema}".instances DROP COLUMN protected_ids;
            DELETE FROM "{_schema}".schema_version WHERE version IN (3, 4, 5);
            """);
        Assert.Contains(await AllRowsAsync(), row => row.Contains(ApiKey, StringComparison.Ordinal));

        _configurationSchema = Schema;
        await _host.StartAsync();

        await AssertNoRowHoldsASecretAsync();
        Assert.Equal(ApiKey, Assert.Single(await _host.ConnectorPlatform.GetInstallationsAsync()).Configuration.GetSecret("apiKey"));
        Assert.Equal(HubPassword, Assert.Single(await _host.ConnectorPlatform.GetInstancesAsync("inst-1")).Configuration.GetSecret("hubPassword"));
    }

    private async Task InstallAndInstantiateAsync()
    {
        using CallbackSender callbacks = _host.Callbacks();
        using (HttpResponseMessage installed = await callbacks.InstallAsync("inst-1", configuration: $$"""[{"id":"apiKey","value":"{{ApiKey}}"}]"""))
        {
            await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        }

        using HttpResponseMessage instantiated = await callbacks.InstantiateAsync(
            "i-1", "inst-1", configuration: $$"""[{"id":"hubPassword","value":"{{HubPassword}}"},{"id":"lamps","value":"1"}]""");
        await ProtocolAssert.StatusAsync(instantiated, HttpStatusCode.Created);
    }

    private async Task AssertNoRowHoldsASecretAsync()
    {
        IReadOnlyList<string> rows = await AllRowsAsync();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, row => row.Contains(ApiKey, StringComparison.Ordinal) || row.Contains(HubPassword, StringComparison.Ordinal));
    }

    /// <summary>Every row of every table of the store's schema, as raw text.</summary>
    private async Task<IReadOnlyList<string>> AllRowsAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema ORDER BY table_name;", connection))
        {
            command.Parameters.AddWithValue("schema", _schema);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("installations", tables);
        var rows = new List<string>();
        foreach (string table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT '{table} ' || row_to_json(t)::text FROM \"{_schema}\".\"{table}\" AS t ORDER BY 1;", connection);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        return rows;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
