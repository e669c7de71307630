using System.Globalization;

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

    /// <summary>One line for the Developer Center, for example <c>503 for the next 2 calls (CreateThing)</c>.</summary>
    public string Describe()
    {
        string what = Kind switch
        {
            PlatformFaultKind.ErrorStatus => StatusCode.ToString(CultureInfo.InvariantCulture),
            PlatformFaultKind.RateLimited => $"429 (Retry-After {Latency.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)",
            PlatformFaultKind.ConnectionDropped => "connection dropped",
            _ => $"+{Latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms latency",
        };
        string scope = _remaining is { } n
            ? $" for the next {n.ToString(CultureInfo.InvariantCulture)} call{(n == 1 ? "" : "s")}"
            : until is { } end ? $" until {end.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : " for every call";
        return what + scope + (operation is { } only ? $" ({only})" : "");
    }

    public bool IsSpent(DateTimeOffset now) => _remaining is <= 0 || (until is { } end && now >= end);
}
