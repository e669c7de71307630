namespace Connctd.Connector.Sdk.Benchmarks.Infrastructure;

/// <summary>A clock that stands still, so a request signed once stays inside the clock-skew window for the whole run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
