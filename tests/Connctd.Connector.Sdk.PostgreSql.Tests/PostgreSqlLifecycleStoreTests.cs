using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlLifecycleStoreTests() : LifecycleStoreConformanceTests(new PostgreSqlStoreHarness());
