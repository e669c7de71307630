using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlUpgradeStoreTests() : UpgradeStoreConformanceTests(new PostgreSqlStoreHarness());
