using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteUpgradeStoreTests(TempDirectoryFixture directory)
    : UpgradeStoreConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
