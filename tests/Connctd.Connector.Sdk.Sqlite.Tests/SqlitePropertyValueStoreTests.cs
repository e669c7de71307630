using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqlitePropertyValueStoreTests(TempDirectoryFixture directory)
    : PropertyValueStoreConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
