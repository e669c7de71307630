namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>What happens to one call: the added latency, and the failure (if any) with its status and Retry-After.</summary>
internal readonly record struct FaultDecision(PlatformFaultKind Kind, int StatusCode, TimeSpan RetryAfter, TimeSpan Latency);
