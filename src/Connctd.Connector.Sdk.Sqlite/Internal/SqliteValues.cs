using System.Globalization;
using Connctd.Connector.Sdk.Protocol;
using System.Text.Json;
using Connctd.Connector.Sdk.Serialization;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>How values are written to and read from columns.</summary>
internal static class SqliteValues
{
    /// <summary>Fixed width, so text order is time order; seven fraction digits, so a value round-trips to the tick.</summary>
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    // SQLite's extended result codes (https://www.sqlite.org/rescode.html).
    private const int ConstraintForeignKey = 787;
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;

    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(
            value,
            TimeFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string FormatConfiguration(IReadOnlyList<ConfigurationValue> configuration) =>
        JsonSerializer.Serialize(configuration, ConnctdJson.GetTypeInfo<IReadOnlyList<ConfigurationValue>>());

    public static IReadOnlyList<ConfigurationValue> ParseConfiguration(string json) =>
        JsonSerializer.Deserialize(json, ConnctdJson.GetTypeInfo<IReadOnlyList<ConfigurationValue>>()) ?? [];

    public static bool IsForeignKeyViolation(SqliteException exception) =>
        exception.SqliteExtendedErrorCode == ConstraintForeignKey;

    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey;

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, string? value)
    {
        command.Parameters.Add(name, SqliteType.Text).Value = (object?)value ?? DBNull.Value;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, long value)
    {
        command.Parameters.Add(name, SqliteType.Integer).Value = value;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, DateTimeOffset value) =>
        command.With(name, FormatTime(value));
}
