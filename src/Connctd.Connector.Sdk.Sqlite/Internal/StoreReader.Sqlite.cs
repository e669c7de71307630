using System.Data.Common;
using Connctd.Connector.Sdk.Sqlite;

namespace Connctd.Connector.Sdk.Storage.Internal;

// The SQLite part: times are fixed-width UTC text (SqliteValues.FormatTime).
internal static partial class StoreReader
{
    public static partial DateTimeOffset GetTime(DbDataReader reader, int ordinal) => SqliteValues.ParseTime(reader.GetString(ordinal));
}
