namespace Connctd.Connector.Sdk.Sqlite; internal static class Placeholder { }
