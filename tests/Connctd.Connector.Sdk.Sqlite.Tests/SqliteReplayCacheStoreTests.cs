using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteReplayCacheStoreTests(TempDirectoryFixture directory)
    : ReplayCacheStoreConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
