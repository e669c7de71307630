namespace Connctd.Connector.Sdk.Storage;

/// <summary>A message the platform refused permanently (a 4xx other than 408/429), kept with the error instead of being dropped or retried forever.</summary>
/// <param name="Id">The dead letter's id.</param>
/// <param name="Message">The message as it was last attempted.</param>
/// <param name="Error">Why it failed (status, platform error code and description; never a token).</param>
/// <param name="StatusCode">The HTTP status of the refusal, or 0 when no response came (for example the instance was removed).</param>
/// <param name="FailedAt">When it was moved here.</param>
public sealed record DeadLetter(long Id, OutboxMessage Message, string Error, int StatusCode, DateTimeOffset FailedAt);
