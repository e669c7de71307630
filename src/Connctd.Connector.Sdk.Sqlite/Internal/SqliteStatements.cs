using Connctd.Connector.Sdk.Storage.Relational;

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

    public const string SelectInstallation = "SELECT " + RelationalColumns.Installation + " FROM installations WHERE id = $id;";

    public const string ListInstallations = "SELECT " + RelationalColumns.Installation + " FROM installations ORDER BY id;";

    public const string UpsertInstallation = """
        INSERT INTO installations (id, protected_token, configuration, state, created_at, updated_at, answer_json, protected_ids)
        VALUES ($id, $protectedToken, $configuration, $state, $createdAt, $updatedAt, $answerJson, $protectedIds)
        ON CONFLICT (id) DO UPDATE SET
            protected_token = excluded.protected_token,
            configuration = excluded.configuration,
            state = excluded.state,
            updated_at = excluded.updated_at,
            answer_json = excluded.answer_json,
            protected_ids = excluded.protected_ids;
        """;

    public const string UpdateInstallationState = "UPDATE installations SET state = $state, updated_at = $updatedAt WHERE id = $id;";

    public const string DeleteInstallation = "DELETE FROM installations WHERE id = $id;";

    public const string SelectInstance = "SELECT " + RelationalColumns.Instance + " FROM instances WHERE id = $id;";

    public const string ListInstances = "SELECT " + RelationalColumns.Instance + " FROM instances ORDER BY id;";

    public const string ListInstancesOfInstallation =
        "SELECT " + RelationalColumns.Instance + " FROM instances WHERE installation_id = $installationId ORDER BY id;";

    public const string ListInstancesByThingCreation =
        "SELECT " + RelationalColumns.Instance + " FROM instances WHERE thing_creation = $thingCreation ORDER BY id;";

    public const string UpsertInstance = """
        INSERT INTO instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json, protected_ids)
        VALUES ($id, $installationId, $protectedToken, $configuration, $state, $thingCreation, $createdAt, $updatedAt, $answerJson, $protectedIds)
        ON CONFLICT (id) DO UPDATE SET
            installation_id = excluded.installation_id,
            protected_token = excluded.protected_token,
            configuration = excluded.configuration,
            state = excluded.state,
            thing_creation = excluded.thing_creation,
            updated_at = excluded.updated_at,
            answer_json = excluded.answer_json,
            protected_ids = excluded.protected_ids;
        """;

    public const string UpdateInstanceState =
        "UPDATE instances SET state = $state, thing_creation = $thingCreation, updated_at = $updatedAt WHERE id = $id;";

    public const string DeleteInstance = "DELETE FROM instances WHERE id = $id;";

    public const string SelectThingByThingId = "SELECT " + RelationalColumns.Mapping + " FROM thing_mappings WHERE thing_id = $thingId;";

    public const string SelectThingWithInstance =
        "SELECT m.instance_id, m.external_id, m.thing_id, m.state, m.updated_at, m.template_hash, " +
        "i.id, i.installation_id, i.protected_token, i.configuration, i.state, i.thing_creation, i.created_at, i.updated_at, i.answer_json, i.protected_ids " +
        "FROM thing_mappings AS m JOIN instances AS i ON i.id = m.instance_id WHERE m.thing_id = $thingId;";

    public const string SelectThingByExternalId =
        "SELECT " + RelationalColumns.Mapping + " FROM thing_mappings WHERE instance_id = $instanceId AND external_id = $externalId;";

    public const string ListThings =
        "SELECT " + RelationalColumns.Mapping + " FROM thing_mappings WHERE instance_id = $instanceId ORDER BY external_id;";

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

    public const string SelectAction = "SELECT " + RelationalColumns.Action + " FROM actions WHERE id = $id;";

    public const string InsertActionIfNew = """
        INSERT INTO actions (id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at)
        VALUES ($id, $instanceId, $thingId, $componentId, $actionId, $status, $error, $responseStatusCode, $createdAt, $updatedAt)
        ON CONFLICT (id) DO NOTHING;
        """;

    public const string UpdateAction = """
        UPDATE actions SET status = $status, error = $error, response_status_code = $responseStatusCode, updated_at = $updatedAt
        WHERE id = $id;
        """;

    public const string FinishUnfinishedAction = """
        UPDATE actions SET status = $status, error = $error, response_status_code = $responseStatusCode, updated_at = $updatedAt
        WHERE id = $id AND response_status_code = 0;
        """;

    public const string DeleteActionsOlderThan = "DELETE FROM actions WHERE updated_at < $olderThan;";

    public const string ListKeyElements = "SELECT xml FROM key_ring ORDER BY rowid;";

    public const string UpsertKeyElement = """
        INSERT INTO key_ring (friendly_name, xml, created_at) VALUES ($friendlyName, $xml, $createdAt)
        ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml;
        """;

    /// <summary>All statements, for the relational store base.</summary>
    public static RelationalStatements All { get; } = new()
    {
        SelectSchemaVersion = SelectSchemaVersion,
        SelectInstallation = SelectInstallation,
        ListInstallations = ListInstallations,
        UpsertInstallation = UpsertInstallation,
        UpdateInstallationState = UpdateInstallationState,
        DeleteInstallation = DeleteInstallation,
        SelectInstance = SelectInstance,
        ListInstances = ListInstances,
        ListInstancesOfInstallation = ListInstancesOfInstallation,
        ListInstancesByThingCreation = ListInstancesByThingCreation,
        UpsertInstance = UpsertInstance,
        UpdateInstanceState = UpdateInstanceState,
        DeleteInstance = DeleteInstance,
        SelectThingByThingId = SelectThingByThingId,
        SelectThingWithInstance = SelectThingWithInstance,
        SelectThingByExternalId = SelectThingByExternalId,
        ListThings = ListThings,
        ClaimThing = ClaimThing,
        CompleteThing = CompleteThing,
        UpdateThingTemplateHash = UpdateThingTemplateHash,
        DeleteThing = DeleteThing,
        SelectAction = SelectAction,
        InsertActionIfNew = InsertActionIfNew,
        UpdateAction = UpdateAction,
        FinishUnfinishedAction = FinishUnfinishedAction,
        DeleteActionsOlderThan = DeleteActionsOlderThan,
        ListKeyElements = ListKeyElements,
        UpsertKeyElement = UpsertKeyElement,
        ListAcceptedCallbacks = "SELECT " + RelationalColumns.AcceptedCallback + " FROM accepted_callbacks WHERE subject = $subject AND expires_at > $now ORDER BY id;",
        PurgeAcceptedCallbacks = "DELETE FROM accepted_callbacks WHERE expires_at <= $now;",
        InsertAcceptedCallback = """
            INSERT INTO accepted_callbacks (subject, signature_hash, signed_at, is_removal, accepted_at, expires_at)
            VALUES ($subject, $signatureHash, $signedAt, $isRemoval, $acceptedAt, $expiresAt)
            ON CONFLICT (subject, signature_hash) DO NOTHING;
            """,
        InsertUpgradeIfAbsent = """
            INSERT INTO upgrades (subject, version, target_version, status, attempts, last_error, lease_owner, lease_expires_at, next_attempt_at, updated_at)
            VALUES ($subject, $version, NULL, 0, 0, NULL, NULL, NULL, NULL, $updatedAt)
            ON CONFLICT (subject) DO NOTHING;
            """,
        SelectUpgrade = "SELECT " + RelationalColumns.Upgrade + " FROM upgrades WHERE subject = $subject;",
        ListUpgrades = "SELECT " + RelationalColumns.Upgrade + " FROM upgrades ORDER BY subject;",
        ClaimUpgrade = """
            UPDATE upgrades
            SET target_version = $targetVersion, status = 1, attempts = CASE WHEN status = 0 THEN 1 ELSE attempts + 1 END,
                lease_owner = $owner, lease_expires_at = $leaseExpiresAt, updated_at = $now
            WHERE subject = $subject AND version < $targetVersion
              AND (lease_owner IS NULL OR lease_expires_at <= $now)
              AND (next_attempt_at IS NULL OR next_attempt_at <= $now)
            RETURNING
            """ + " " + RelationalColumns.Upgrade + ";",
        RenewUpgradeLease = """
            UPDATE upgrades SET lease_expires_at = $leaseExpiresAt WHERE subject = $subject AND lease_owner = $owner;
            """,
        CompleteUpgrade = """
            UPDATE upgrades
            SET version = target_version, target_version = NULL, status = 0, last_error = NULL,
                lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = NULL, updated_at = $updatedAt
            WHERE subject = $subject AND lease_owner = $owner;
            """,
        FailUpgrade = """
            UPDATE upgrades
            SET status = 2, last_error = $error, next_attempt_at = $nextAttemptAt,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = $updatedAt
            WHERE subject = $subject AND lease_owner = $owner;
            """,
        DeleteUpgrade = """
            DELETE FROM upgrades WHERE subject = $subject;
            """,
        UpsertPropertyValue = """
            INSERT INTO property_values (instance_id, external_id, component_id, property_id, value, observed_at)
            VALUES ($instanceId, $externalId, $componentId, $propertyId, $value, $observedAt)
            ON CONFLICT (instance_id, external_id, component_id, property_id)
            DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
            WHERE excluded.observed_at >= property_values.observed_at;
            """,
        ListPropertyValues = "SELECT " + RelationalColumns.PropertyValue + " FROM property_values WHERE instance_id = $instanceId AND external_id = $externalId ORDER BY component_id, property_id;",
        CoalesceMessage = SqliteOutboxStatements.Coalesce,
        InsertMessage = SqliteOutboxStatements.Insert,
        LeaseMessages = SqliteOutboxStatements.Lease,
        CompleteMessage = SqliteOutboxStatements.Complete,
        RetryMessageLater = SqliteOutboxStatements.RetryLater,
        DeadLetterMessage = SqliteOutboxStatements.MoveToDeadLetters,
        ListLeaseOwners = SqliteOutboxStatements.ListLeaseOwners,
        ReleaseLeases = SqliteOutboxStatements.ReleaseLeases,
        SelectOutboxStatistics = SqliteOutboxStatements.Statistics,
        ListDeadLetters = SqliteOutboxStatements.ListDeadLetters,
        SelectDeadLetterKey = SqliteOutboxStatements.SelectDeadLetterKey,
        RequeueDeadLetter = SqliteOutboxStatements.RequeueDeadLetter,
        DeleteDeadLetter = SqliteOutboxStatements.DeleteDeadLetter,
    };
}
