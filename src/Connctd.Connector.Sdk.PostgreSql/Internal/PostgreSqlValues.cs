using Connctd.Connector.Sdk.Protocol;
using System.Text.Json;
using Connctd.Connector.Sdk.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>How values are written to and read from columns.</summary>
internal static class PostgreSqlValues
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// The time as <c>timestamptz</c> keeps it: UTC (Npgsql writes only offset zero) and whole microseconds (PostgreSQL's
    /// resolution; the last digit of .NET's 100-ns ticks is dropped, never rounded, so a time is never moved later).
    /// </summary>
    public static DateTimeOffset ToDatabaseTime(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static string FormatConfiguration(IReadOnlyList<ConfigurationValue> configuration) =>
        JsonSerializer.Serialize(configuration, ConnctdJson.GetTypeInfo<IReadOnlyList<ConfigurationValue>>());

    public static IReadOnlyList<ConfigurationValue> ParseConfiguration(string json) =>
        JsonSerializer.Deserialize(json, ConnctdJson.GetTypeInfo<IReadOnlyList<ConfigurationValue>>()) ?? [];

    public static bool IsForeignKeyViolation(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.ForeignKeyViolation;

    public static bool IsUniqueViolation(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation;

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int value)
    {
        command.Parameters.Add(new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value });
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long value)
    {
        command.Parameters.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = value });
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, DateTimeOffset value)
    {
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = ToDatabaseTime(value) });
        return command;
    }
}
