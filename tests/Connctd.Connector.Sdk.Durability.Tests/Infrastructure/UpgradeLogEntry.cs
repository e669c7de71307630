namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>One line of the <see cref="UpgradeLog"/>.</summary>
public sealed record UpgradeLogEntry(string What, string Kind, string Id, int FromVersion);
