namespace Connctd.Connector.Sdk.AspNetCore; internal static class Placeholder { }
