using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlWriteBatchStoreTests() : WriteBatchConformanceTests(new PostgreSqlStoreHarness());
