namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>One fault rule: what to do, to which calls, how often or until when. For 429 <see cref="Latency"/> is the Retry-After.</summary>
internal sealed class FaultRule(PlatformFaultKind kind, PlatformOperation? operation, int? remaining, DateTimeOffset? until, int statusCode, TimeSpan latency)
{
    private int? _remaining = remaining;

    public PlatformFaultKind Kind { get; } = kind;

    public int StatusCode { get; } = statusCode;

    public TimeSpan Latency { get; } = latency;

    public bool Matches(PlatformOperation candidate) => operation is null || operation == candidate;

    public void Use()
    {
        if (_remaining is { } n)
        {
            _remaining = n - 1;
        }
    }

    public bool IsSpent(DateTimeOffset now) => _remaining is <= 0 || (until is { } end && now >= end);
}
