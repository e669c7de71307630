namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>The columns, in order, that the statements of <see cref="RelationalStatements"/> select for each kind of record.</summary>
public static class RelationalColumns
{
    /// <summary>An installation.</summary>
    public const string Installation = "id, protected_token, configuration, state, created_at, updated_at, answer_json, protected_ids";

    /// <summary>An instance.</summary>
    public const string Instance = "id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json, protected_ids";

    /// <summary>A thing mapping.</summary>
    public const string Mapping = "instance_id, external_id, thing_id, state, updated_at, template_hash";

    /// <summary>An action record.</summary>
    public const string Action = "id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at";

    /// <summary>An outbox message.</summary>
    public const string OutboxMessage = "id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error";

    /// <summary>
    /// A dead letter: its id, then its message as <see cref="OutboxMessage"/> (the message id first), then the error,
    /// the status code and the failure time.
    /// </summary>
    public const string DeadLetter =
        "id, message_id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error, error, status_code, failed_at";

    /// <summary>An accepted lifecycle callback of the replay cache.</summary>
    public const string AcceptedCallback = "subject, signature_hash, signed_at, is_removal, accepted_at, expires_at";

    /// <summary>The upgrade state of an installation or instance.</summary>
    public const string Upgrade = "subject, version, target_version, status, attempts, last_error, lease_owner, lease_expires_at, next_attempt_at, updated_at";

    /// <summary>A reported property value.</summary>
    public const string PropertyValue = "instance_id, external_id, component_id, property_id, value, observed_at";
}
