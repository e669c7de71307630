using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteLifecycleStoreTests(TempDirectoryFixture directory)
    : LifecycleStoreConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
