using Connctd.Connector.Sdk.Storage.Internal;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// Every statement the store runs. Values always travel as parameters (<c>$name</c>); upserts use
/// <c>ON CONFLICT … DO UPDATE</c>, never <c>INSERT OR REPLACE</c>, which would delete the row and cascade to its children.
/// </summary>
internal abstract class SqliteStatements
{
    /// <summary>Not instantiated: the statements are constants (a class, not a static class, so the shared operations can name them <c>Sql</c>).</summary>
    private protected SqliteStatements()
    {
    }

    public const string SelectSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";

    public const string InsertSchemaVersion =
        "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $appliedAt);";

    public const string SelectInstallation = "SELECT " + StoreReader.InstallationColumns + " FROM installations WHERE id = $id;";

    public const string ListInstallations = "SELECT " + StoreReader.InstallationColumns + " FROM installations ORDER BY id;";

    public const string UpsertInstallation = """
        INSERT INTO installations (id, protected_token, configuration, state, created_at, updated_at, answer_json)
        VALUES ($id, $protectedToken, $configuration, $state, $createdAt, $updatedAt, $answerJson)
        ON CONFLICT (id) DO UPDATE SET
            protected_token = excluded.protected_token,
            configuration = excluded.configuration,
            state = excluded.state,
            updated_at = excluded.updated_at,
            answer_json = excluded.answer_json;
        """;

    public const string UpdateInstallationState = "UPDATE installations SET state = $state, updated_at = $updatedAt WHERE id = $id;";

    public const string DeleteInstallation = "DELETE FROM installations WHERE id = $id;";

    public const string SelectInstance = "SELECT " + StoreReader.InstanceColumns + " FROM instances WHERE id = $id;";

    public const string ListInstances = "SELECT " + StoreReader.InstanceColumns + " FROM instances ORDER BY id;";

    public const string ListInstancesOfInstallation =
        "SELECT " + StoreReader.InstanceColumns + " FROM instances WHERE installation_id = $installationId ORDER BY id;";

    public const string ListInstancesByThingCreation =
        "SELECT " + StoreReader.InstanceColumns + " FROM instances WHERE thing_creation = $thingCreation ORDER BY id;";

    public const string UpsertInstance = """
        INSERT INTO instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json)
        VALUES ($id, $installationId, $protectedToken, $configuration, $state, $thingCreation, $createdAt, $updatedAt, $answerJson)
        ON CONFLICT (id) DO UPDATE SET
            installation_id = excluded.installation_id,
            protected_token = excluded.protected_token,
            configuration = excluded.configuration,
            state = excluded.state,
            thing_creation = excluded.thing_creation,
            updated_at = excluded.updated_at,
            answer_json = excluded.answer_json;
        """;

    public const string UpdateInstanceState =
        "UPDATE instances SET state = $state, thing_creation = $thingCreation, updated_at = $updatedAt WHERE id = $id;";

    public const string DeleteInstance = "DELETE FROM instances WHERE id = $id;";

    public const string SelectThingByThingId = "SELECT " + StoreReader.MappingColumns + " FROM thing_mappings WHERE thing_id = $thingId;";

    public const string SelectThingByExternalId =
        "SELECT " + StoreReader.MappingColumns + " FROM thing_mappings WHERE instance_id = $instanceId AND external_id = $externalId;";

    public const string ListThings =
        "SELECT " + StoreReader.MappingColumns + " FROM thing_mappings WHERE instance_id = $instanceId ORDER BY external_id;";

    public const string ClaimThing = """
        INSERT INTO thing_mappings (instance_id, external_id, thing_id, state, updated_at)
        VALUES ($instanceId, $externalId, NULL, $state, $updatedAt)
        ON CONFLICT (instance_id, external_id) DO NOTHING;
        """;

    public const string CompleteThing = """
        INSERT INTO thing_mappings (instance_id, external_id, thing_id, state, updated_at)
        VALUES ($instanceId, $externalId, $thingId, $state, $updatedAt)
        ON CONFLICT (instance_id, external_id) DO UPDATE SET
            thing_id = excluded.thing_id,
            state = excluded.state,
            updated_at = excluded.updated_at;
        """;

    public const string DeleteThing = "DELETE FROM thing_mappings WHERE instance_id = $instanceId AND external_id = $externalId;";

    public const string UpdateThingTemplateHash =
        "UPDATE thing_mappings SET template_hash = $templateHash WHERE instance_id = $instanceId AND external_id = $externalId;";

    public const string SelectAction = "SELECT " + StoreReader.ActionColumns + " FROM actions WHERE id = $id;";

    public const string InsertActionIfNew = """
        INSERT INTO actions (id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at)
        VALUES ($id, $instanceId, $thingId, $componentId, $actionId, $status, $error, $responseStatusCode, $createdAt, $updatedAt)
        ON CONFLICT (id) DO NOTHING;
        """;

    public const string UpdateAction = """
        UPDATE actions SET status = $status, error = $error, response_status_code = $responseStatusCode, updated_at = $updatedAt
        WHERE id = $id;
        """;

    public const string DeleteActionsOlderThan = "DELETE FROM actions WHERE updated_at < $olderThan;";

    public const string ListKeyElements = "SELECT xml FROM key_ring ORDER BY rowid;";

    public const string UpsertKeyElement = """
        INSERT INTO key_ring (friendly_name, xml, created_at) VALUES ($friendlyName, $xml, $createdAt)
        ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml;
        """;
}
