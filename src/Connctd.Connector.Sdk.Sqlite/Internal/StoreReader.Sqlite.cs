using System.Data.Common;
using Connctd.Connector.Sdk.Sqlite;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>Times are fixed-width UTC text (see <see cref="SqliteValues.FormatTime"/>).</summary>
internal static partial class StoreReader
{
    public static partial DateTimeOffset GetTime(DbDataReader reader, int ordinal) => SqliteValues.ParseTime(reader.GetString(ordinal));
}
