using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteWriteBatchStoreTests(TempDirectoryFixture directory)
    : WriteBatchConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
