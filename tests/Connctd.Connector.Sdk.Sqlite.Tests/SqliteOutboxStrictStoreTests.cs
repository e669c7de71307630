using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteOutboxStrictStoreTests(TempDirectoryFixture directory)
    : OutboxStoreStrictConformanceTests(new SqliteStoreHarness(directory)), IClassFixture<TempDirectoryFixture>;
