using Connctd.Connector.Sdk.Storage.Relational;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// Every statement the store runs, with the store's schema filled in. Values always travel as parameters
/// (<c>@name</c>); the only text put into SQL is the schema name, checked to be a plain identifier and quoted.
/// Upserts use <c>ON CONFLICT … DO UPDATE</c>, so an existing row is changed in place, never deleted (which would
/// cascade to its children).
/// </summary>
internal sealed class PostgreSqlStatements
{
    /// <summary>Takes a transaction-scoped advisory lock on a text key (hashed to 64 bits).</summary>
    public const string AdvisoryTransactionLock = "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0));";

    /// <summary>Whether a schema exists.</summary>
    public const string SchemaExists = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = @schema);";

    /// <summary>Whether a (qualified) table exists.</summary>
    public const string TableExists = "SELECT to_regclass(@table) IS NOT NULL;";

    private readonly string _schema;

    public PostgreSqlStatements(string quotedSchema)
    {
        _schema = quotedSchema;

        CreateSchema = "CREATE SCHEMA IF NOT EXISTS " + quotedSchema + ";";
        CreateSchemaVersionTable = Sql(PostgreSqlMigrations.CreateSchemaVersionTable);
        SelectSchemaVersion = Sql("SELECT COALESCE(MAX(version), 0) FROM {schema}.schema_version;");
        InsertSchemaVersion = Sql(
            "INSERT INTO {schema}.schema_version (version, description, applied_at) VALUES (@version, @description, @appliedAt);");

        SelectInstallation = Sql("SELECT " + RelationalColumns.Installation + " FROM {schema}.installations WHERE id = @id;");
        ListInstallations = Sql("SELECT " + RelationalColumns.Installation + " FROM {schema}.installations ORDER BY id;");
        UpsertInstallation = Sql("""
            INSERT INTO {schema}.installations (id, protected_token, configuration, state, created_at, updated_at, answer_json, protected_ids)
            VALUES (@id, @protectedToken, @configuration, @state, @createdAt, @updatedAt, @answerJson, @protectedIds)
            ON CONFLICT (id) DO UPDATE SET
                protected_token = EXCLUDED.protected_token,
                configuration = EXCLUDED.configuration,
                state = EXCLUDED.state,
                updated_at = EXCLUDED.updated_at,
                answer_json = EXCLUDED.answer_json,
                protected_ids = EXCLUDED.protected_ids;
            """);
        UpdateInstallationState = Sql("UPDATE {schema}.installations SET state = @state, updated_at = @updatedAt WHERE id = @id;");
        DeleteInstallation = Sql("DELETE FROM {schema}.installations WHERE id = @id;");

        SelectInstance = Sql("SELECT " + RelationalColumns.Instance + " FROM {schema}.instances WHERE id = @id;");
        ListInstances = Sql("SELECT " + RelationalColumns.Instance + " FROM {schema}.instances ORDER BY id;");
        ListInstancesOfInstallation = Sql(
            "SELECT " + RelationalColumns.Instance + " FROM {schema}.instances WHERE installation_id = @installationId ORDER BY id;");
        ListInstancesByThingCreation = Sql(
            "SELECT " + RelationalColumns.Instance + " FROM {schema}.instances WHERE thing_creation = @thingCreation ORDER BY id;");
        UpsertInstance = Sql("""
            INSERT INTO {schema}.instances (id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json, protected_ids)
            VALUES (@id, @installationId, @protectedToken, @configuration, @state, @thingCreation, @createdAt, @updatedAt, @answerJson, @protectedIds)
            ON CONFLICT (id) DO UPDATE SET
                installation_id = EXCLUDED.installation_id,
                protected_token = EXCLUDED.protected_token,
                configuration = EXCLUDED.configuration,
                state = EXCLUDED.state,
                thing_creation = EXCLUDED.thing_creation,
                updated_at = EXCLUDED.updated_at,
                answer_json = EXCLUDED.answer_json,
                protected_ids = EXCLUDED.protected_ids;
            """);
        UpdateInstanceState = Sql(
            "UPDATE {schema}.instances SET state = @state, thing_creation = @thingCreation, updated_at = @updatedAt WHERE id = @id;");
        DeleteInstance = Sql("DELETE FROM {schema}.instances WHERE id = @id;");

        SelectThingByThingId = Sql("SELECT " + RelationalColumns.Mapping + " FROM {schema}.thing_mappings WHERE thing_id = @thingId;");
        SelectThingWithInstance = Sql(
            "SELECT m.instance_id, m.external_id, m.thing_id, m.state, m.updated_at, m.template_hash, " +
            "i.id, i.installation_id, i.protected_token, i.configuration, i.state, i.thing_creation, i.created_at, i.updated_at, i.answer_json, i.protected_ids " +
            "FROM {schema}.thing_mappings AS m JOIN {schema}.instances AS i ON i.id = m.instance_id WHERE m.thing_id = @thingId;");
        SelectThingByExternalId = Sql(
            "SELECT " + RelationalColumns.Mapping + " FROM {schema}.thing_mappings WHERE instance_id = @instanceId AND external_id = @externalId;");
        ListThings = Sql(
            "SELECT " + RelationalColumns.Mapping + " FROM {schema}.thing_mappings WHERE instance_id = @instanceId ORDER BY external_id;");
        ClaimThing = Sql("""
            INSERT INTO {schema}.thing_mappings (instance_id, external_id, thing_id, state, updated_at)
            VALUES (@instanceId, @externalId, NULL, @state, @updatedAt)
            ON CONFLICT (instance_id, external_id) DO NOTHING;
            """);
        CompleteThing = Sql("""
            INSERT INTO {schema}.thing_mappings (instance_id, external_id, thing_id, state, updated_at)
            VALUES (@instanceId, @externalId, @thingId, @state, @updatedAt)
            ON CONFLICT (instance_id, external_id) DO UPDATE SET
                thing_id = EXCLUDED.thing_id,
                state = EXCLUDED.state,
                updated_at = EXCLUDED.updated_at;
            """);
        UpdateThingTemplateHash = Sql(
            "UPDATE {schema}.thing_mappings SET template_hash = @templateHash WHERE instance_id = @instanceId AND external_id = @externalId;");
        DeleteThing = Sql("DELETE FROM {schema}.thing_mappings WHERE instance_id = @instanceId AND external_id = @externalId;");

        SelectAction = Sql("SELECT " + RelationalColumns.Action + " FROM {schema}.actions WHERE id = @id;");
        InsertActionIfNew = Sql("""
            INSERT INTO {schema}.actions (id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at)
            VALUES (@id, @instanceId, @thingId, @componentId, @actionId, @status, @error, @responseStatusCode, @createdAt, @updatedAt)
            ON CONFLICT (id) DO NOTHING;
            """);
        UpdateAction = Sql("""
            UPDATE {schema}.actions SET status = @status, error = @error, response_status_code = @responseStatusCode, updated_at = @updatedAt
            WHERE id = @id;
            """);
        FinishUnfinishedAction = Sql("""
            UPDATE {schema}.actions SET status = @status, error = @error, response_status_code = @responseStatusCode, updated_at = @updatedAt
            WHERE id = @id AND response_status_code = 0;
            """);
        DeleteActionsOlderThan = Sql("DELETE FROM {schema}.actions WHERE updated_at < @olderThan;");

        ListKeyElements = Sql("SELECT xml FROM {schema}.key_ring ORDER BY position;");
        UpsertKeyElement = Sql("""
            INSERT INTO {schema}.key_ring (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @createdAt)
            ON CONFLICT (friendly_name) DO UPDATE SET xml = EXCLUDED.xml;
            """);

        CoalesceMessage = Sql("""
            UPDATE {schema}.outbox
            SET payload = @payload
            WHERE id = (SELECT max(id) FROM {schema}.outbox WHERE coalescing_key = @coalescingKey)
              AND lease_owner IS NULL
            RETURNING id;
            """);
        InsertMessage = Sql("""
            INSERT INTO {schema}.outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
            SELECT @operation, @targetId, @orderingKey, @coalescingKey, @payload, @enqueuedAt, @attempts, @nextAttemptAt, @lastError
            WHERE COALESCE((SELECT max(id) FROM {schema}.outbox) - (SELECT min(id) FROM {schema}.outbox) + 1, 0) < @capacity
               OR (SELECT count(*) FROM (SELECT 1 FROM {schema}.outbox LIMIT @capacity) AS queued) < @capacity
               OR EXISTS (SELECT 1 FROM {schema}.outbox WHERE coalescing_key = @coalescingKey)
            RETURNING id;
            """);
        LeaseMessages = Sql("""
            WITH candidates AS (
                SELECT o.id
                FROM {schema}.outbox AS o
                WHERE o.next_attempt_at <= @now
                  AND (o.lease_owner IS NULL OR o.lease_expires_at <= @now)
                  AND NOT EXISTS (
                      SELECT 1 FROM {schema}.outbox AS older
                      WHERE older.ordering_key = o.ordering_key AND older.id < o.id)
                  AND NOT EXISTS (
                      SELECT 1 FROM {schema}.outbox AS leased
                      WHERE leased.ordering_key = o.ordering_key AND leased.lease_owner IS NOT NULL AND leased.lease_expires_at > @now)
                ORDER BY o.id
                LIMIT @maxCount
                FOR UPDATE OF o SKIP LOCKED
            )
            UPDATE {schema}.outbox AS m
            SET lease_owner = @owner, lease_expires_at = @leaseExpiresAt
            FROM candidates
            WHERE m.id = candidates.id
            RETURNING m.id, m.operation, m.target_id, m.ordering_key, m.coalescing_key, m.payload, m.enqueued_at, m.attempts, m.next_attempt_at, m.last_error;
            """);
        CompleteMessage = Sql("DELETE FROM {schema}.outbox WHERE id = @id AND lease_owner = @owner;");
        RetryMessageLater = Sql("""
            UPDATE {schema}.outbox
            SET attempts = @attempts, next_attempt_at = @nextAttemptAt, last_error = @lastError, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND lease_owner = @owner;
            """);
        DeadLetterMessage = Sql("""
            WITH moved AS (
                DELETE FROM {schema}.outbox WHERE id = @id AND lease_owner = @owner
                RETURNING id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at
            )
            INSERT INTO {schema}.dead_letters (message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error, error, status_code, failed_at)
            SELECT id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts + 1, next_attempt_at, @error, @error, @statusCode, @failedAt
            FROM moved;
            """);
        ListLeaseOwners = Sql("SELECT DISTINCT lease_owner FROM {schema}.outbox WHERE lease_owner IS NOT NULL ORDER BY lease_owner;");
        ReleaseLeases = Sql("UPDATE {schema}.outbox SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = @owner;");
        SelectOutboxStatistics = Sql("""
            SELECT (SELECT count(*) FROM {schema}.outbox),
                   (SELECT min(enqueued_at) FROM {schema}.outbox),
                   (SELECT count(*) FROM {schema}.dead_letters);
            """);
        ListDeadLetters = Sql("""
            SELECT id, message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error, error, status_code, failed_at
            FROM {schema}.dead_letters
            ORDER BY id DESC
            LIMIT @maxCount;
            """);
        LockDeadLetter = Sql("SELECT coalescing_key FROM {schema}.dead_letters WHERE id = @id FOR UPDATE;");
        RequeueDeadLetter = Sql("""
            WITH requeued AS (
                DELETE FROM {schema}.dead_letters WHERE id = @id
                RETURNING operation, target_id, ordering_key, coalescing_key, payload, enqueued_at
            ),
            inserted AS (
                INSERT INTO {schema}.outbox (operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error)
                SELECT operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, 0, @now, NULL
                FROM requeued
                WHERE requeued.coalescing_key IS NULL
                   OR NOT EXISTS (SELECT 1 FROM {schema}.outbox AS queued WHERE queued.coalescing_key = requeued.coalescing_key)
                RETURNING id
            )
            SELECT (SELECT count(*) FROM requeued), (SELECT max(id) FROM inserted);
            """);
        DeleteDeadLetter = Sql("DELETE FROM {schema}.dead_letters WHERE id = @id;");
    }

    public string CreateSchema { get; }

    public string CreateSchemaVersionTable { get; }

    public string SelectSchemaVersion { get; }

    public string InsertSchemaVersion { get; }

    public string SelectInstallation { get; }

    public string ListInstallations { get; }

    public string UpsertInstallation { get; }

    public string UpdateInstallationState { get; }

    public string DeleteInstallation { get; }

    public string SelectInstance { get; }

    public string ListInstances { get; }

    public string ListInstancesOfInstallation { get; }

    public string ListInstancesByThingCreation { get; }

    public string UpsertInstance { get; }

    public string UpdateInstanceState { get; }

    public string DeleteInstance { get; }

    public string SelectThingByThingId { get; }

    public string SelectThingWithInstance { get; }

    public string SelectThingByExternalId { get; }

    public string ListThings { get; }

    public string ClaimThing { get; }

    public string CompleteThing { get; }

    public string UpdateThingTemplateHash { get; }

    public string DeleteThing { get; }

    public string SelectAction { get; }

    public string InsertActionIfNew { get; }

    public string UpdateAction { get; }

    public string FinishUnfinishedAction { get; }

    public string DeleteActionsOlderThan { get; }

    public string ListKeyElements { get; }

    public string UpsertKeyElement { get; }

    /// <summary>Replaces the payload of the newest message with the coalescing key, if that one is not leased.</summary>
    public string CoalesceMessage { get; }

    /// <summary>
    /// Inserts a message unless the outbox holds <c>@capacity</c> messages — or, full or not, when a message with its
    /// coalescing key is queued already (it was in delivery, else it would have been coalesced into). Ids only grow, so
    /// <c>max(id) - min(id) + 1</c> (two index probes) bounds the number of messages from above; only when that bound
    /// reaches the capacity are they counted (and counting stops there). Counting every time read up to 10^5 rows per
    /// enqueue during an outage.
    /// </summary>
    public string InsertMessage { get; }

    /// <summary>Leases due messages: per ordering key only the oldest, and none of a key another owner holds.</summary>
    public string LeaseMessages { get; }

    public string CompleteMessage { get; }

    public string RetryMessageLater { get; }

    /// <summary>Moves a message to the dead letters in one statement (one attempt more, the error as its last error).</summary>
    public string DeadLetterMessage { get; }

    public string ListLeaseOwners { get; }

    public string ReleaseLeases { get; }

    public string SelectOutboxStatistics { get; }

    public string ListDeadLetters { get; }

    /// <summary>Locks a dead letter (so two requeues of it run one after the other) and reads its coalescing key.</summary>
    public string LockDeadLetter { get; }

    /// <summary>
    /// Moves a dead letter back into the outbox (attempts reset, due at <c>@now</c>, its enqueue time kept), unless a
    /// message with its coalescing key is queued: that one holds a newer value, and the dead letter is only deleted.
    /// </summary>
    public string RequeueDeadLetter { get; }

    public string DeleteDeadLetter { get; }

    /// <summary>The statements for the relational store base.</summary>
    public RelationalStatements ToRelational() => new()
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
        ListAcceptedCallbacks = Sql("SELECT " + RelationalColumns.AcceptedCallback + " FROM {schema}.accepted_callbacks WHERE subject = @subject AND expires_at > @now ORDER BY id;"),
        PurgeAcceptedCallbacks = Sql("DELETE FROM {schema}.accepted_callbacks WHERE expires_at <= @now;"),
        InsertAcceptedCallback = Sql("""
            INSERT INTO {schema}.accepted_callbacks (subject, signature_hash, signed_at, is_removal, accepted_at, expires_at)
            VALUES (@subject, @signatureHash, @signedAt, @isRemoval, @acceptedAt, @expiresAt)
            ON CONFLICT (subject, signature_hash) DO NOTHING;
            """),
        InsertUpgradeIfAbsent = Sql("""
            INSERT INTO {schema}.upgrades (subject, version, target_version, status, attempts, last_error, lease_owner, lease_expires_at, next_attempt_at, updated_at)
            VALUES (@subject, @version, NULL, 0, 0, NULL, NULL, NULL, NULL, @updatedAt)
            ON CONFLICT (subject) DO NOTHING;
            """),
        SelectUpgrade = Sql("SELECT " + RelationalColumns.Upgrade + " FROM {schema}.upgrades WHERE subject = @subject;"),
        ListUpgrades = Sql("SELECT " + RelationalColumns.Upgrade + " FROM {schema}.upgrades ORDER BY subject;"),
        ClaimUpgrade = Sql("""
            UPDATE {schema}.upgrades
            SET target_version = @targetVersion, status = 1, attempts = CASE WHEN status = 0 THEN 1 ELSE attempts + 1 END,
                lease_owner = @owner, lease_expires_at = @leaseExpiresAt, updated_at = @now
            WHERE subject = @subject AND version < @targetVersion
              AND (lease_owner IS NULL OR lease_expires_at <= @now)
              AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
            RETURNING
            """ + " " + RelationalColumns.Upgrade + ";"),
        RenewUpgradeLease = Sql("""
            UPDATE {schema}.upgrades SET lease_expires_at = @leaseExpiresAt WHERE subject = @subject AND lease_owner = @owner;
            """),
        CompleteUpgrade = Sql("""
            UPDATE {schema}.upgrades
            SET version = target_version, target_version = NULL, status = 0, last_error = NULL,
                lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = NULL, updated_at = @updatedAt
            WHERE subject = @subject AND lease_owner = @owner;
            """),
        FailUpgrade = Sql("""
            UPDATE {schema}.upgrades
            SET status = 2, last_error = @error, next_attempt_at = @nextAttemptAt,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = @updatedAt
            WHERE subject = @subject AND lease_owner = @owner;
            """),
        DeleteUpgrade = Sql("""
            DELETE FROM {schema}.upgrades WHERE subject = @subject;
            """),
        UpsertPropertyValue = Sql("""
            INSERT INTO {schema}.property_values (instance_id, external_id, component_id, property_id, value, observed_at)
            VALUES (@instanceId, @externalId, @componentId, @propertyId, @value, @observedAt)
            ON CONFLICT (instance_id, external_id, component_id, property_id)
            DO UPDATE SET value = excluded.value, observed_at = excluded.observed_at
            WHERE excluded.observed_at >= {schema}.property_values.observed_at;
            """),
        ListPropertyValues = Sql("SELECT " + RelationalColumns.PropertyValue + " FROM {schema}.property_values WHERE instance_id = @instanceId AND external_id = @externalId ORDER BY component_id, property_id;"),
        CoalesceMessage = CoalesceMessage,
        InsertMessage = InsertMessage,
        LeaseMessages = LeaseMessages,
        CompleteMessage = CompleteMessage,
        RetryMessageLater = RetryMessageLater,
        DeadLetterMessage = DeadLetterMessage,
        ListLeaseOwners = ListLeaseOwners,
        ReleaseLeases = ReleaseLeases,
        SelectOutboxStatistics = SelectOutboxStatistics,
        ListDeadLetters = ListDeadLetters,
        SelectDeadLetterKey = LockDeadLetter,
        RequeueDeadLetter = RequeueDeadLetter,
        DeleteDeadLetter = DeleteDeadLetter,
    };

    /// <summary>Puts the store's schema into a statement.</summary>
    public string Sql(string template) => template.Replace("{schema}", _schema, StringComparison.Ordinal);
}
