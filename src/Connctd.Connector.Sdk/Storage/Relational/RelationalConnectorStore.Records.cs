using System.Data.Common;
using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Storage.Relational.Internal;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>Rows into records, in the column orders of <see cref="RelationalColumns"/>.</summary>
public abstract partial class RelationalConnectorStore
{
    private static string FormatConfiguration(IReadOnlyList<ConfigurationValue> configuration) =>
        JsonSerializer.Serialize(configuration, ConnctdJsonContext.Default.IReadOnlyListConfigurationValue);

    private static IReadOnlyList<ConfigurationValue> ParseConfiguration(string json) =>
        JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.IReadOnlyListConfigurationValue) ?? [];

    private static string? FormatProtectedIds(IReadOnlyList<string>? ids) =>
        ids is null ? null : JsonSerializer.Serialize(ids, StoreJsonContext.Default.IReadOnlyListString);

    private static IReadOnlyList<string>? ParseProtectedIds(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, StoreJsonContext.Default.IReadOnlyListString) ?? [];

    private static string? GetNullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private InstallationRecord ReadInstallation(DbDataReader reader) => new(
        Id: reader.GetString(0),
        ProtectedToken: reader.GetString(1),
        Configuration: ParseConfiguration(reader.GetString(2)),
        State: (LifecycleState)reader.GetInt32(3),
        CreatedAt: ReadTime(reader, 4),
        UpdatedAt: ReadTime(reader, 5),
        AnswerJson: GetNullableString(reader, 6))
    {
        ProtectedConfigurationIds = ParseProtectedIds(GetNullableString(reader, 7)),
    };

    private InstanceRecord ReadInstance(DbDataReader reader) => ReadInstance(reader, 0);

    private InstanceRecord ReadInstance(DbDataReader reader, int first) => new(
        Id: reader.GetString(first),
        InstallationId: reader.GetString(first + 1),
        ProtectedToken: reader.GetString(first + 2),
        Configuration: ParseConfiguration(reader.GetString(first + 3)),
        State: (LifecycleState)reader.GetInt32(first + 4),
        ThingCreation: (ThingCreationStatus)reader.GetInt32(first + 5),
        CreatedAt: ReadTime(reader, first + 6),
        UpdatedAt: ReadTime(reader, first + 7),
        AnswerJson: GetNullableString(reader, first + 8))
    {
        ProtectedConfigurationIds = ParseProtectedIds(GetNullableString(reader, first + 9)),
    };

    private ThingMapping ReadMapping(DbDataReader reader) => new(
        InstanceId: reader.GetString(0),
        ExternalId: reader.GetString(1),
        ThingId: GetNullableString(reader, 2),
        State: (ThingMappingState)reader.GetInt32(3),
        UpdatedAt: ReadTime(reader, 4),
        TemplateHash: GetNullableString(reader, 5));

    private ActionRecord ReadAction(DbDataReader reader) => new(
        Id: reader.GetString(0),
        InstanceId: reader.GetString(1),
        ThingId: reader.GetString(2),
        ComponentId: reader.GetString(3),
        ActionId: reader.GetString(4),
        Status: (ActionStatus)reader.GetInt32(5),
        Error: GetNullableString(reader, 6),
        ResponseStatusCode: reader.GetInt32(7),
        CreatedAt: ReadTime(reader, 8),
        UpdatedAt: ReadTime(reader, 9));

    private OutboxMessage ReadOutboxMessage(DbDataReader reader) => ReadOutboxMessage(reader, 0);

    private OutboxMessage ReadOutboxMessage(DbDataReader reader, int first) => new(
        Id: reader.GetInt64(first),
        Operation: (OutboxOperation)reader.GetInt32(first + 1),
        TargetId: reader.GetString(first + 2),
        OrderingKey: reader.GetString(first + 3),
        CoalescingKey: GetNullableString(reader, first + 4),
        Payload: reader.GetString(first + 5),
        EnqueuedAt: ReadTime(reader, first + 6),
        Attempts: reader.GetInt32(first + 7),
        NextAttemptAt: ReadTime(reader, first + 8),
        LastError: GetNullableString(reader, first + 9));

    private DeadLetter ReadDeadLetter(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Message: ReadOutboxMessage(reader, 1),
        Error: reader.GetString(11),
        StatusCode: reader.GetInt32(12),
        FailedAt: ReadTime(reader, 13));

    private static async ValueTask<T?> ReadSingleAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
        }
    }

    private static async ValueTask<IReadOnlyList<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Reads one record by a statement and its parameters.</summary>
    private Task<T?> ReadOneAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class =>
        ReadAsync((connection, ct) => ReadSingleAsync(Command(connection, null, sql, parameters), read, ct), cancellationToken);

    /// <summary>Reads every record a statement selects.</summary>
    private Task<IReadOnlyList<T>> ReadManyAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync((connection, ct) => ReadAllAsync(Command(connection, null, sql, parameters), read, ct), cancellationToken);

    /// <summary>Runs one statement as a write and returns the rows it affected.</summary>
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        WriteAsync(
            async (connection, transaction) => await Command(connection, transaction, sql, parameters).ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false),
            cancellationToken);
}
