using Connctd.Connector.Sdk.StoreConformance;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlPropertyValueStoreTests() : PropertyValueStoreConformanceTests(new PostgreSqlStoreHarness());
