namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>
/// The schema as an ordered list of versioned steps. A released step is never edited: a change of the schema is a
/// new step at the end, and <see cref="PostgreSqlConnectorStore.SchemaVersion"/> moves to its version.
/// </summary>
/// <remarks>
/// Conventions, chosen to give the same semantics as the SQLite store: keys and ids are <c>text COLLATE "C"</c> (byte
/// order, as SQLite compares, whatever the database's locale); times are <c>timestamptz</c> (microseconds; the store
/// drops the last digit of .NET's 100-ns ticks before writing); enums are their numbers; configuration and payloads
/// are JSON kept as <c>text</c>, so they come back exactly as written. Foreign keys cascade like SQLite's. Each
/// referencing column has an index (PostgreSQL does not create them), so a cascade never scans a table.
/// </remarks>
internal static class PostgreSqlMigrations
{
    /// <summary>Creates the table that records applied versions. Safe to run again.</summary>
    public const string CreateSchemaVersionTable = """
        CREATE TABLE IF NOT EXISTS {schema}.schema_version (
            version     integer     NOT NULL PRIMARY KEY,
            description text        NOT NULL,
            applied_at  timestamptz NOT NULL
        );
        """;

    /// <summary>Version 1: installations, instances, thing mappings, action requests, the key ring, the outbox and its dead letters.</summary>
    private const string InitialSchema = """
        CREATE TABLE {schema}.installations (
            id              text COLLATE "C" NOT NULL,
            protected_token text             NOT NULL,
            configuration   text             NOT NULL,
            state           integer          NOT NULL,
            created_at      timestamptz      NOT NULL,
            updated_at      timestamptz      NOT NULL,
            answer_json     text,
            CONSTRAINT pk_installations PRIMARY KEY (id)
        );

        CREATE TABLE {schema}.instances (
            id              text COLLATE "C" NOT NULL,
            installation_id text COLLATE "C" NOT NULL,
            protected_token text             NOT NULL,
            configuration   text             NOT NULL,
            state           integer          NOT NULL,
            thing_creation  integer          NOT NULL,
            created_at      timestamptz      NOT NULL,
            updated_at      timestamptz      NOT NULL,
            answer_json     text,
            CONSTRAINT pk_instances PRIMARY KEY (id),
            CONSTRAINT fk_instances_installation FOREIGN KEY (installation_id)
                REFERENCES {schema}.installations (id) ON DELETE CASCADE
        );

        -- With id as the second column the lists come out in id order without a sort.
        CREATE INDEX ix_instances_installation_id ON {schema}.instances (installation_id, id);
        CREATE INDEX ix_instances_thing_creation ON {schema}.instances (thing_creation, id);

        CREATE TABLE {schema}.thing_mappings (
            instance_id text COLLATE "C" NOT NULL,
            external_id text COLLATE "C" NOT NULL,
            thing_id    text COLLATE "C",
            state       integer          NOT NULL,
            updated_at  timestamptz      NOT NULL,
            -- A hash of the template the thing was created from; null until recorded.
            template_hash text,
            CONSTRAINT pk_thing_mappings PRIMARY KEY (instance_id, external_id),
            -- NULLs are distinct: any number of claims (no thing id yet), each thing id at most once.
            CONSTRAINT ux_thing_mappings_thing_id UNIQUE (thing_id),
            CONSTRAINT fk_thing_mappings_instance FOREIGN KEY (instance_id)
                REFERENCES {schema}.instances (id) ON DELETE CASCADE
        );

        CREATE TABLE {schema}.actions (
            id                   text COLLATE "C" NOT NULL,
            instance_id          text COLLATE "C" NOT NULL,
            thing_id             text             NOT NULL,
            component_id         text             NOT NULL,
            action_id            text             NOT NULL,
            status               integer          NOT NULL,
            error                text,
            response_status_code integer          NOT NULL,
            created_at           timestamptz      NOT NULL,
            updated_at           timestamptz      NOT NULL,
            CONSTRAINT pk_actions PRIMARY KEY (id),
            CONSTRAINT fk_actions_instance FOREIGN KEY (instance_id)
                REFERENCES {schema}.instances (id) ON DELETE CASCADE
        );

        CREATE INDEX ix_actions_updated_at ON {schema}.actions (updated_at);
        CREATE INDEX ix_actions_instance_id ON {schema}.actions (instance_id);

        CREATE TABLE {schema}.key_ring (
            friendly_name text COLLATE "C" NOT NULL,
            xml           text             NOT NULL,
            created_at    timestamptz      NOT NULL,
            -- Insertion order (SQLite's rowid): elements are returned oldest first; a replaced one keeps its place.
            position      bigint           GENERATED ALWAYS AS IDENTITY,
            CONSTRAINT pk_key_ring PRIMARY KEY (friendly_name)
        );

        -- No foreign key: a message outlives its instance (delivery then dead-letters it with status 0).
        CREATE TABLE {schema}.outbox (
            id               bigint           GENERATED ALWAYS AS IDENTITY,
            operation        integer          NOT NULL,
            target_id        text             NOT NULL,
            ordering_key     text COLLATE "C" NOT NULL,
            coalescing_key   text COLLATE "C",
            payload          text             NOT NULL,
            enqueued_at      timestamptz      NOT NULL,
            attempts         integer          NOT NULL,
            next_attempt_at  timestamptz      NOT NULL,
            last_error       text,
            lease_owner      text,
            lease_expires_at timestamptz,
            CONSTRAINT pk_outbox PRIMARY KEY (id)
        );

        -- The lease query: the oldest message of an ordering key, and whether one of the key is leased.
        CREATE INDEX ix_outbox_ordering_key ON {schema}.outbox (ordering_key, id);
        -- The lease query: whether a message of an ordering key is leased (few rows are, so the index stays small).
        CREATE INDEX ix_outbox_leased ON {schema}.outbox (ordering_key) WHERE lease_owner IS NOT NULL;
        -- The lease query when most messages wait for a later attempt (the platform is down).
        CREATE INDEX ix_outbox_next_attempt_at ON {schema}.outbox (next_attempt_at);
        -- Coalescing: the newest message with a coalescing key.
        CREATE INDEX ix_outbox_coalescing_key ON {schema}.outbox (coalescing_key, id) WHERE coalescing_key IS NOT NULL;

        CREATE TABLE {schema}.dead_letters (
            id              bigint           GENERATED ALWAYS AS IDENTITY,
            message_id      bigint           NOT NULL,
            operation       integer          NOT NULL,
            target_id       text             NOT NULL,
            ordering_key    text COLLATE "C" NOT NULL,
            coalescing_key  text COLLATE "C",
            payload         text             NOT NULL,
            enqueued_at     timestamptz      NOT NULL,
            attempts        integer          NOT NULL,
            next_attempt_at timestamptz      NOT NULL,
            last_error      text,
            error           text             NOT NULL,
            status_code     integer          NOT NULL,
            failed_at       timestamptz      NOT NULL,
            CONSTRAINT pk_dead_letters PRIMARY KEY (id)
        );
        """;

    /// <summary>
    /// Version 2: the replay cache, the lifecycle callbacks accepted within the last two clock-skew windows, so that a
    /// captured callback replayed inside its <c>Date</c> window cannot bring back what a later callback changed.
    /// </summary>
    private const string ReplayCache = """
        CREATE TABLE {schema}.accepted_callbacks (
            id             bigint GENERATED ALWAYS AS IDENTITY,
            subject        text COLLATE "C" NOT NULL,
            signature_hash text COLLATE "C" NOT NULL,
            signed_at      timestamptz      NOT NULL,
            is_removal     integer          NOT NULL,
            accepted_at    timestamptz      NOT NULL,
            expires_at     timestamptz      NOT NULL,
            CONSTRAINT pk_accepted_callbacks PRIMARY KEY (id),
            CONSTRAINT ux_accepted_callbacks_subject_signature UNIQUE (subject, signature_hash)
        );

        CREATE INDEX ix_accepted_callbacks_subject ON {schema}.accepted_callbacks (subject, id);
        CREATE INDEX ix_accepted_callbacks_expires_at ON {schema}.accepted_callbacks (expires_at);
        """;

    /// <summary>
    /// Version 3: the ids of the configuration values that are stored encrypted (the values of PASSWORD parameters),
    /// as a JSON array; null in rows of before, whose values the connector encrypts at its next start.
    /// </summary>
    private const string ProtectedConfiguration = """
        ALTER TABLE {schema}.installations ADD COLUMN protected_ids text;
        ALTER TABLE {schema}.instances ADD COLUMN protected_ids text;
        """;

    /// <summary>
    /// Version 4: the upgrade state of each installation and instance, the connector version each was last upgraded to
    /// and the lease of the replica running its upgrade hook.
    /// </summary>
    private const string Upgrades = """
        CREATE TABLE {schema}.upgrades (
            subject          text COLLATE "C" NOT NULL,
            version          integer          NOT NULL,
            target_version   integer,
            status           integer          NOT NULL,
            attempts         integer          NOT NULL,
            last_error       text,
            lease_owner      text,
            lease_expires_at timestamptz,
            next_attempt_at  timestamptz,
            updated_at       timestamptz      NOT NULL,
            CONSTRAINT pk_upgrades PRIMARY KEY (subject)
        );
        """;

    /// <summary>
    /// Version 5: the last reported value of each property of each thing, by instance and external id, which the thing
    /// re-sync carries over into a re-created thing.
    /// </summary>
    private const string PropertyValues = """
        CREATE TABLE {schema}.property_values (
            instance_id  text COLLATE "C" NOT NULL,
            external_id  text COLLATE "C" NOT NULL,
            component_id text COLLATE "C" NOT NULL,
            property_id  text COLLATE "C" NOT NULL,
            value        text             NOT NULL,
            observed_at  timestamptz      NOT NULL,
            CONSTRAINT pk_property_values PRIMARY KEY (instance_id, external_id, component_id, property_id),
            CONSTRAINT fk_property_values_instance FOREIGN KEY (instance_id)
                REFERENCES {schema}.instances (id) ON DELETE CASCADE
        );
        """;

    /// <summary>Every step, ordered by version.</summary>
    public static IReadOnlyList<PostgreSqlMigration> All { get; } =
    [
        new(1, "Initial schema: installations, instances, thing mappings, actions, key ring, outbox, dead letters", InitialSchema),
        new(2, "Replay cache of accepted lifecycle callbacks", ReplayCache),
        new(3, "Ids of the configuration values stored encrypted", ProtectedConfiguration),
        new(4, "Upgrade state of installations and instances", Upgrades),
        new(5, "Last reported property values", PropertyValues),
    ];
}
