namespace Connctd.Connector.Sdk; internal static class Placeholder { }
