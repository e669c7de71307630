using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>
/// A schema written by the first released version of the package, holding data, is upgraded in place by the current
/// one: the schema is built from the released steps and filled the way that version stored rows.
/// </summary>
public sealed class PostgreSqlConnectorStoreUpgradeTests : StoreTestBase
{
    [Fact]
    public async Task InitializeAsync_Version1WithData_UpgradesToCurrentAndKeepsEverything()
    {
        await CreateOlderSchemaAsync(version: 1);

        await QueryAsync("""
            INSERT INTO {schema}.installations (id, protected_token, configuration, state, created_at, updated_at, answer_json)
            VALUES ('inst', 'protected-inst', '[{"id":"region","value":"eu"}]', 2, '2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z', NULL);
            INSERT INTO {schema}.instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json)
            VALUES ('i1', 'inst', 'protected-i1', '[]', 2, 1, '2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z', NULL);
            INSERT INTO {schema}.thing_mappings (instance_id, external_id, thing_id, state, updated_at)
            VALUES ('i1', 'lamp', 'thing-lamp', 1, '2024-05-01T12:00:00Z');
            INSERT INTO {schema}.actions (id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at)
            VALUES ('a1', 'i1', 'thing-lamp', 'lamp', 'switch', 1, NULL, 204, '2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z');
            """);

        await Store.InitializeAsync(Ct);

        Assert.Equal(PostgreSqlConnectorStore.SchemaVersion, Convert.ToInt32(Assert.Single(await QueryAsync("SELECT MAX(version) FROM {schema}.schema_version;")), System.Globalization.CultureInfo.InvariantCulture));
        InstallationRecord installation = Assert.IsType<InstallationRecord>(await Store.GetInstallationAsync("inst", Ct));
        Assert.Equal("protected-inst", installation.ProtectedToken);
        Assert.Equal("eu", Assert.Single(installation.Configuration).Value);
        Assert.Equal(LifecycleState.Complete, installation.State);
        InstanceRecord instance = Assert.IsType<InstanceRecord>(await Store.GetInstanceAsync("i1", Ct));
        Assert.Equal(ThingCreationStatus.Completed, instance.ThingCreation);
        Assert.Equal("thing-lamp", (await Store.FindThingAsync("thing-lamp", Ct))?.ThingId);
        Assert.Equal(204, (await Store.GetActionAsync("a1", Ct))?.ResponseStatusCode);
        await Store.RecordAcceptedCallbacksAsync([new AcceptedCallback("installation/inst", "h", T0, false, T0, T0.AddMinutes(11))], Ct);
        Assert.Single(await Store.ListAcceptedCallbacksAsync("installation/inst", T0, Ct));
    }

    [Fact]
    public async Task InitializeAsync_Version2WithConfiguration_AddsProtectedIdsAsNullAndKeepsTheValues()
    {
        await CreateOlderSchemaAsync(version: 2);
        await QueryAsync("""
            INSERT INTO {schema}.installations (id, protected_token, configuration, state, created_at, updated_at, answer_json)
            VALUES ('inst', 'protected-inst', '[{"id":"apiKey","value":"clear-key"}]', 2, '2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z', NULL);
            INSERT INTO {schema}.instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json)
            VALUES ('i1', 'inst', 'protected-i1', '[{"id":"pin","value":"1234"}]', 2, 1, '2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z', NULL);
            """);

        await Store.InitializeAsync(Ct);

        Assert.Equal(5, PostgreSqlConnectorStore.SchemaVersion);
        Assert.Equal(5, Convert.ToInt32(Assert.Single(await QueryAsync("SELECT MAX(version) FROM {schema}.schema_version;")), System.Globalization.CultureInfo.InvariantCulture));
        InstallationRecord installation = (await Store.GetInstallationAsync("inst", Ct))!;
        Assert.Equal("clear-key", Assert.Single(installation.Configuration).Value);
        Assert.Null(installation.ProtectedConfigurationIds);
        InstanceRecord instance = (await Store.GetInstanceAsync("i1", Ct))!;
        Assert.Equal("1234", Assert.Single(instance.Configuration).Value);
        Assert.Null(instance.ProtectedConfigurationIds);
        await Store.SaveInstanceAsync(instance with { ProtectedConfigurationIds = ["pin"] }, Ct);
        Assert.Equal(["pin"], (await Store.GetInstanceAsync("i1", Ct))!.ProtectedConfigurationIds);
    }

    /// <summary>Builds the schema as the package of <paramref name="version"/> did: its released steps, recorded as applied.</summary>
    private async Task CreateOlderSchemaAsync(int version)
    {
        await QueryAsync($"CREATE SCHEMA \"{Schema}\";");
        await QueryAsync(PostgreSqlMigrations.CreateSchemaVersionTable);
        foreach (PostgreSqlMigration migration in PostgreSqlMigrations.All.Where(migration => migration.Version <= version))
        {
            await QueryAsync(migration.Sql);
            await QueryAsync($"INSERT INTO {{schema}}.schema_version (version, description, applied_at) VALUES ({migration.Version}, 'released', '2024-01-01T00:00:00Z');");
        }
    }
}
