using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteActionStoreTests(TempDirectoryFixture directory)
    : ActionStoreConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
