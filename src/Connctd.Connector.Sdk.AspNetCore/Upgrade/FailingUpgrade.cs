namespace Connctd.Connector.Sdk.AspNetCore.Upgrade;

/// <summary>A subject whose last upgrade attempt on this replica failed.</summary>
/// <param name="Error">Why.</param>
/// <param name="Attempts">The attempts so far.</param>
/// <param name="NextAttemptAt">When it is tried again.</param>
internal sealed record FailingUpgrade(string Error, int Attempts, DateTimeOffset NextAttemptAt);
