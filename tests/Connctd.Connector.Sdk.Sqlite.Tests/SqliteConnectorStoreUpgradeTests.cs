using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>
/// A database written by an older version of the package, holding data, is upgraded in place by the current one:
/// each older schema version is built from the released steps and filled the way that version stored rows.
/// </summary>
public sealed class SqliteConnectorStoreUpgradeTests(TempDirectoryFixture directory) : StoreTestBase(directory)
{
    [Fact]
    public async Task InitializeAsync_Version1WithData_UpgradesToCurrentAndKeepsEverything()
    {
        await CreateOlderDatabaseAsync(version: 1);
        await InsertVersion1RowsAsync();

        await Store.InitializeAsync(Ct);

        await AssertVersion1RowsAsync();
        Assert.Equal(SqliteConnectorStore.SchemaVersion, Convert.ToInt32(Assert.Single(await QueryAsync("SELECT MAX(version) FROM schema_version;")), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(OutboxEnqueueResult.Enqueued, await Store.EnqueueAsync(Message("k", "v"), 10, Ct));
    }

    [Fact]
    public async Task InitializeAsync_Version2WithADeadLetter_UpgradesAndReadsItAsBefore()
    {
        await CreateOlderDatabaseAsync(version: 2);
        await InsertVersion1RowsAsync();
        await QueryAsync("""
            INSERT INTO dead_letters (message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, error, status_code, failed_at)
            VALUES (7, 1, 'i1', 'k', 'k', 'v', '2024-05-01T12:00:00.0000000Z', 3, '404 gone', 404, '2024-05-01T12:05:00.0000000Z');
            """);

        await Store.InitializeAsync(Ct);

        await AssertVersion1RowsAsync();
        DeadLetter deadLetter = Assert.Single(await Store.ListDeadLettersAsync(10, Ct));
        Assert.Equal(7, deadLetter.Message.Id);
        Assert.Equal(3, deadLetter.Message.Attempts);
        Assert.Equal("404 gone", deadLetter.Message.LastError);
        Assert.Equal(deadLetter.FailedAt, deadLetter.Message.NextAttemptAt);
        Assert.True(await Store.RequeueDeadLetterAsync(deadLetter.Id, T0, Ct));
        Assert.Equal(1, (await Store.GetOutboxStatisticsAsync(Ct)).Depth);
    }

    [Fact]
    public async Task InitializeAsync_Version4WithConfiguration_AddsProtectedIdsAsNullAndKeepsTheValues()
    {
        await CreateOlderDatabaseAsync(version: 4);
        await InsertVersion1RowsAsync();

        await Store.InitializeAsync(Ct);

        await AssertVersion1RowsAsync();
        Assert.Equal(7, SqliteConnectorStore.SchemaVersion);
        Assert.Null((await Store.GetInstallationAsync("inst", Ct))!.ProtectedConfigurationIds);
        Assert.Null((await Store.GetInstanceAsync("i1", Ct))!.ProtectedConfigurationIds);
        await Store.SaveInstallationAsync((await Store.GetInstallationAsync("inst", Ct))! with { ProtectedConfigurationIds = ["apiKey"] }, Ct);
        Assert.Equal(["apiKey"], (await Store.GetInstallationAsync("inst", Ct))!.ProtectedConfigurationIds);
    }

    /// <summary>Builds the schema as the package of <paramref name="version"/> did: its released steps, recorded as applied.</summary>
    private async Task CreateOlderDatabaseAsync(int version)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await Execute(connection, SqliteMigrations.CreateSchemaVersionTable);
        foreach (SqliteMigration migration in SqliteMigrations.All.Where(m => m.Version <= version))
        {
            await Execute(connection, migration.Sql);
            await Execute(connection, $"INSERT INTO schema_version (version, description, applied_at) VALUES ({migration.Version}, 'released', '2024-01-01T00:00:00.0000000Z');");
        }

        static async Task Execute(SqliteConnection connection, string sql)
        {
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(Ct);
        }
    }

    private async Task InsertVersion1RowsAsync() => await QueryAsync("""
        INSERT INTO installations (id, protected_token, configuration, state, created_at, updated_at, answer_json)
        VALUES ('inst', 'protected-inst', '[{"id":"region","value":"eu"}]', 2, '2024-05-01T12:00:00.0000000Z', '2024-05-01T12:00:00.0000000Z', NULL);
        INSERT INTO instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json)
        VALUES ('i1', 'inst', 'protected-i1', '[]', 2, 2, '2024-05-01T12:00:00.0000000Z', '2024-05-01T12:00:00.0000000Z', NULL);
        INSERT INTO thing_mappings (instance_id, external_id, thing_id, state, updated_at)
        VALUES ('i1', 'lamp', 'thing-lamp', 1, '2024-05-01T12:00:00.0000000Z');
        INSERT INTO actions (id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at)
        VALUES ('a1', 'i1', 'thing-lamp', 'lamp', 'switch', 1, NULL, 204, '2024-05-01T12:00:00.0000000Z', '2024-05-01T12:00:00.0000000Z');
        """);

    private async Task AssertVersion1RowsAsync()
    {
        InstallationRecord installation = (await Store.GetInstallationAsync("inst", Ct))!;
        Assert.Equal("protected-inst", installation.ProtectedToken);
        Assert.Equal([new ConfigurationValue("region", "eu")], installation.Configuration);
        InstanceRecord instance = (await Store.GetInstanceAsync("i1", Ct))!;
        Assert.Equal("inst", instance.InstallationId);
        (ThingMapping Thing, InstanceRecord Instance)? found = await Store.FindThingWithInstanceAsync("thing-lamp", Ct);
        Assert.Equal("lamp", found!.Value.Thing.ExternalId);
        Assert.Equal(204, (await Store.GetActionAsync("a1", Ct))!.ResponseStatusCode);
    }
}
