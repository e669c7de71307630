namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>
/// The schema as an ordered list of versioned steps. A released step is never edited: a change of the schema is a
/// new step at the end, and <see cref="SqliteConnectorStore.SchemaVersion"/> moves to its version.
/// </summary>
/// <remarks>
/// Conventions: tables are <c>STRICT</c> (SQLite checks column types); times are UTC text in a fixed-width ISO 8601
/// form with seven fraction digits (<c>2024-05-01T12:00:00.0000000Z</c>), so text order is time order and values
/// round-trip to the tick; enums are their numbers; configuration is a JSON array of <c>{"id","value"}</c>.
/// </remarks>
internal static class SqliteMigrations
{
    /// <summary>Creates the table that records applied versions. Safe to run again.</summary>
    public const string CreateSchemaVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER NOT NULL PRIMARY KEY,
            description TEXT    NOT NULL,
            applied_at  TEXT    NOT NULL
        ) STRICT;
        """;

    /// <summary>Version 1: installations, instances, thing mappings, action requests and the key ring.</summary>
    private const string InitialSchema = """
        CREATE TABLE installations (
            id              TEXT    NOT NULL PRIMARY KEY,
            protected_token TEXT    NOT NULL,
            configuration   TEXT    NOT NULL,
            state           INTEGER NOT NULL,
            created_at      TEXT    NOT NULL,
            updated_at      TEXT    NOT NULL,
            answer_json     TEXT
        ) STRICT;

        CREATE TABLE instances (
            id              TEXT    NOT NULL PRIMARY KEY,
            installation_id TEXT    NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
            protected_token TEXT    NOT NULL,
            configuration   TEXT    NOT NULL,
            state           INTEGER NOT NULL,
            thing_creation  INTEGER NOT NULL,
            created_at      TEXT    NOT NULL,
            updated_at      TEXT    NOT NULL,
            answer_json     TEXT
        ) STRICT;

        -- With id as the second column the lists come out in id order without a sort.
        CREATE INDEX ix_instances_installation_id ON instances (installation_id, id);
        CREATE INDEX ix_instances_thing_creation ON instances (thing_creation, id);

        CREATE TABLE thing_mappings (
            instance_id TEXT    NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            external_id TEXT    NOT NULL,
            thing_id    TEXT,
            state       INTEGER NOT NULL,
            updated_at  TEXT    NOT NULL,
            PRIMARY KEY (instance_id, external_id)
        ) STRICT, WITHOUT ROWID;

        CREATE UNIQUE INDEX ux_thing_mappings_thing_id ON thing_mappings (thing_id) WHERE thing_id IS NOT NULL;

        CREATE TABLE actions (
            id                   TEXT    NOT NULL PRIMARY KEY,
            instance_id          TEXT    NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            thing_id             TEXT    NOT NULL,
            component_id         TEXT    NOT NULL,
            action_id            TEXT    NOT NULL,
            status               INTEGER NOT NULL,
            error                TEXT,
            response_status_code INTEGER NOT NULL,
            created_at           TEXT    NOT NULL,
            updated_at           TEXT    NOT NULL
        ) STRICT;

        CREATE INDEX ix_actions_updated_at ON actions (updated_at);
        CREATE INDEX ix_actions_instance_id ON actions (instance_id);

        CREATE TABLE key_ring (
            friendly_name TEXT NOT NULL PRIMARY KEY,
            xml           TEXT NOT NULL,
            created_at    TEXT NOT NULL
        ) STRICT;
        """;

    /// <summary>Version 2: the outbox of platform calls and the dead letters; the template hash of each thing.</summary>
    private const string Outbox = """
        ALTER TABLE thing_mappings ADD COLUMN template_hash TEXT;

        CREATE TABLE outbox (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            operation        INTEGER NOT NULL,
            target_id        TEXT    NOT NULL,
            ordering_key     TEXT    NOT NULL,
            coalescing_key   TEXT,
            payload          TEXT    NOT NULL,
            enqueued_at      TEXT    NOT NULL,
            attempts         INTEGER NOT NULL,
            next_attempt_at  TEXT    NOT NULL,
            last_error       TEXT,
            lease_owner      TEXT,
            lease_expires_at TEXT
        ) STRICT;

        -- The oldest message of an ordering key, and the due messages in order.
        CREATE INDEX ix_outbox_ordering_key ON outbox (ordering_key, id);
        CREATE INDEX ix_outbox_next_attempt_at ON outbox (next_attempt_at, id);
        CREATE INDEX ix_outbox_coalescing_key ON outbox (coalescing_key, id) WHERE coalescing_key IS NOT NULL;

        CREATE TABLE dead_letters (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id      INTEGER NOT NULL,
            operation       INTEGER NOT NULL,
            target_id       TEXT    NOT NULL,
            ordering_key    TEXT    NOT NULL,
            coalescing_key  TEXT,
            payload         TEXT    NOT NULL,
            enqueued_at     TEXT    NOT NULL,
            attempts        INTEGER NOT NULL,
            error           TEXT    NOT NULL,
            status_code     INTEGER NOT NULL,
            failed_at       TEXT    NOT NULL
        ) STRICT;
        """;

    /// <summary>
    /// Version 3: a dead letter keeps its message as it was last attempted (its next attempt time and last error), as
    /// the PostgreSQL store does. Rows of before keep null there and read as their failure time and error.
    /// </summary>
    private const string DeadLetterAttempt = """
        ALTER TABLE dead_letters ADD COLUMN next_attempt_at TEXT;
        ALTER TABLE dead_letters ADD COLUMN last_error TEXT;
        """;

    /// <summary>
    /// Version 4: the replay cache, the lifecycle callbacks accepted within the last two clock-skew windows, so that a
    /// captured callback replayed inside its <c>Date</c> window cannot bring back what a later callback changed.
    /// </summary>
    private const string ReplayCache = """
        CREATE TABLE accepted_callbacks (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            subject        TEXT    NOT NULL,
            signature_hash TEXT    NOT NULL,
            signed_at      TEXT    NOT NULL,
            is_removal     INTEGER NOT NULL,
            accepted_at    TEXT    NOT NULL,
            expires_at     TEXT    NOT NULL,
            UNIQUE (subject, signature_hash)
        ) STRICT;

        CREATE INDEX ix_accepted_callbacks_subject ON accepted_callbacks (subject, id);
        CREATE INDEX ix_accepted_callbacks_expires_at ON accepted_callbacks (expires_at);
        """;

    /// <summary>
    /// Version 5: the ids of the configuration values that are stored encrypted (the values of PASSWORD parameters),
    /// as a JSON array; null in rows of before, whose values the connector encrypts at its next start.
    /// </summary>
    private const string ProtectedConfiguration = """
        ALTER TABLE installations ADD COLUMN protected_ids TEXT;
        ALTER TABLE instances ADD COLUMN protected_ids TEXT;
        """;

    /// <summary>
    /// Version 6: the upgrade state of each installation and instance, the connector version each was last upgraded to
    /// and the lease of the replica running its upgrade hook.
    /// </summary>
    private const string Upgrades = """
        CREATE TABLE upgrades (
            subject          TEXT    NOT NULL PRIMARY KEY,
            version          INTEGER NOT NULL,
            target_version   INTEGER,
            status           INTEGER NOT NULL,
            attempts         INTEGER NOT NULL,
            last_error       TEXT,
            lease_owner      TEXT,
            lease_expires_at TEXT,
            next_attempt_at  TEXT,
            updated_at       TEXT    NOT NULL
        ) STRICT, WITHOUT ROWID;
        """;

    /// <summary>
    /// Version 7: the last reported value of each property of each thing, by instance and external id, which the thing
    /// re-sync carries over into a re-created thing.
    /// </summary>
    private const string PropertyValues = """
        CREATE TABLE property_values (
            instance_id  TEXT NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            external_id  TEXT NOT NULL,
            component_id TEXT NOT NULL,
            property_id  TEXT NOT NULL,
            value        TEXT NOT NULL,
            observed_at  TEXT NOT NULL,
            PRIMARY KEY (instance_id, external_id, component_id, property_id)
        ) STRICT, WITHOUT ROWID;
        """;

    /// <summary>Every step, ordered by version.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "Initial schema: installations, instances, thing mappings, actions, key ring", InitialSchema),
        new(2, "Outbox of platform calls and dead letters; thing template hashes", Outbox),
        new(3, "Dead letters keep the next attempt time and last error of their message", DeadLetterAttempt),
        new(4, "Replay cache of accepted lifecycle callbacks", ReplayCache),
        new(5, "Ids of the configuration values stored encrypted", ProtectedConfiguration),
        new(6, "Upgrade state of installations and instances", Upgrades),
        new(7, "Last reported property values", PropertyValues),
    ];
}
