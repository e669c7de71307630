using System.Data.Common;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>Times are <c>timestamptz</c>, read as UTC.</summary>
internal static partial class StoreReader
{
    public static partial DateTimeOffset GetTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
