using System.Data.Common;
using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>
/// Reads what both stores read alike: rows into records, configuration from its JSON text. Only how a column holds a
/// time differs; each store supplies <see cref="GetTime"/> in its own part of this class.
/// </summary>
/// <remarks>Compiled into each store assembly from <c>src/Shared/Storage</c>.</remarks>
internal static partial class StoreReader
{
    /// <summary>The first row as a record, or null when there is none.</summary>
    public static async Task<T?> ReadSingleAsync<T>(
        DbCommand command,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
        }
    }

    /// <summary>Every row as a record.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        DbCommand command,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var items = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(read(reader));
            }

            return items;
        }
    }

    /// <summary>The first column of every row, as text (synchronously, for the key ring).</summary>
    public static IReadOnlyList<string> ReadStrings(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var items = new List<string>();
        while (reader.Read())
        {
            items.Add(reader.GetString(0));
        }

        return items;
    }

    public static string FormatConfiguration(IReadOnlyList<ConfigurationValue> configuration) =>
        JsonSerializer.Serialize(configuration, ConnctdJsonContext.Default.IReadOnlyListConfigurationValue);

    public static IReadOnlyList<ConfigurationValue> ParseConfiguration(string json) =>
        JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.IReadOnlyListConfigurationValue) ?? [];

    public static string? GetNullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The columns <see cref="ReadInstallation"/> reads, in order.</summary>
    public const string InstallationColumns = "id, protected_token, configuration, state, created_at, updated_at, answer_json";

    /// <summary>The columns <see cref="ReadInstance"/> reads, in order.</summary>
    public const string InstanceColumns =
        "id, installation_id, protected_token, configuration, state, thing_creation, created_at, updated_at, answer_json";

    /// <summary>The columns <see cref="ReadMapping"/> reads, in order.</summary>
    public const string MappingColumns = "instance_id, external_id, thing_id, state, updated_at, template_hash";

    /// <summary>The columns <see cref="ReadAction"/> reads, in order.</summary>
    public const string ActionColumns =
        "id, instance_id, thing_id, component_id, action_id, status, error, response_status_code, created_at, updated_at";

    /// <summary>The columns <see cref="ReadOutboxMessage(DbDataReader)"/> reads, in order.</summary>
    public const string OutboxMessageColumns =
        "id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts, next_attempt_at, last_error";

    /// <summary>Reads <see cref="InstallationColumns"/>.</summary>
    public static InstallationRecord ReadInstallation(DbDataReader reader) => new(
        Id: reader.GetString(0),
        ProtectedToken: reader.GetString(1),
        Configuration: ParseConfiguration(reader.GetString(2)),
        State: (LifecycleState)reader.GetInt32(3),
        CreatedAt: GetTime(reader, 4),
        UpdatedAt: GetTime(reader, 5),
        AnswerJson: GetNullableString(reader, 6));

    /// <summary>Reads <see cref="InstanceColumns"/>.</summary>
    public static InstanceRecord ReadInstance(DbDataReader reader) => new(
        Id: reader.GetString(0),
        InstallationId: reader.GetString(1),
        ProtectedToken: reader.GetString(2),
        Configuration: ParseConfiguration(reader.GetString(3)),
        State: (LifecycleState)reader.GetInt32(4),
        ThingCreation: (ThingCreationStatus)reader.GetInt32(5),
        CreatedAt: GetTime(reader, 6),
        UpdatedAt: GetTime(reader, 7),
        AnswerJson: GetNullableString(reader, 8));

    /// <summary>Reads <see cref="MappingColumns"/>.</summary>
    public static ThingMapping ReadMapping(DbDataReader reader) => new(
        InstanceId: reader.GetString(0),
        ExternalId: reader.GetString(1),
        ThingId: GetNullableString(reader, 2),
        State: (ThingMappingState)reader.GetInt32(3),
        UpdatedAt: GetTime(reader, 4),
        TemplateHash: GetNullableString(reader, 5));

    /// <summary>Reads <see cref="ActionColumns"/>.</summary>
    public static ActionRecord ReadAction(DbDataReader reader) => new(
        Id: reader.GetString(0),
        InstanceId: reader.GetString(1),
        ThingId: reader.GetString(2),
        ComponentId: reader.GetString(3),
        ActionId: reader.GetString(4),
        Status: (ActionStatus)reader.GetInt32(5),
        Error: GetNullableString(reader, 6),
        ResponseStatusCode: reader.GetInt32(7),
        CreatedAt: GetTime(reader, 8),
        UpdatedAt: GetTime(reader, 9));

    /// <summary>Reads <see cref="OutboxMessageColumns"/>.</summary>
    public static OutboxMessage ReadOutboxMessage(DbDataReader reader) => ReadOutboxMessage(reader, 0, nextAttemptAt: 8, lastError: 9);

    /// <summary>
    /// A message whose columns <c>id, operation, target_id, ordering_key, coalescing_key, payload, enqueued_at, attempts</c>
    /// start at <paramref name="first"/>, with its next attempt time and last error at the ordinals given (a row of
    /// the dead letters may keep them elsewhere, or take them from other columns).
    /// </summary>
    public static OutboxMessage ReadOutboxMessage(DbDataReader reader, int first, int nextAttemptAt, int lastError) => new(
        Id: reader.GetInt64(first),
        Operation: (OutboxOperation)reader.GetInt32(first + 1),
        TargetId: reader.GetString(first + 2),
        OrderingKey: reader.GetString(first + 3),
        CoalescingKey: GetNullableString(reader, first + 4),
        Payload: reader.GetString(first + 5),
        EnqueuedAt: GetTime(reader, first + 6),
        Attempts: reader.GetInt32(first + 7),
        NextAttemptAt: GetTime(reader, nextAttemptAt),
        LastError: GetNullableString(reader, lastError));

    /// <summary>Reads a time column as the store writes it.</summary>
    public static partial DateTimeOffset GetTime(DbDataReader reader, int ordinal);
}
