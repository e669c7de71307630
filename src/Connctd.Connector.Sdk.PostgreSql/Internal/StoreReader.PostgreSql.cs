using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Internal;

// The PostgreSQL part: times are timestamptz, read as UTC.
internal static partial class StoreReader
{
    public static partial DateTimeOffset GetTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
