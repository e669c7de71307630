using Connctd.Connector.Sdk.Testing.Internal;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// Injects faults into the fake platform API, to test how a connector copes with an unreliable platform. Each method
/// adds a rule; rules apply to every call, or only to one <see cref="PlatformOperation"/> when given. Latency rules add
/// up; of the failure rules (error status, 429, dropped connection) the oldest matching one answers the call. A faulted
/// call changes nothing on the platform, and is recorded in <see cref="FakeConnctdPlatform.Requests"/> with its
/// <see cref="RecordedRequest.Fault"/>. Safe to use while calls arrive.
/// </summary>
public sealed class PlatformFaults
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly TimeProvider _time;

    internal PlatformFaults(TimeProvider time) => _time = time;

    /// <summary>Called after every rule added or cleared (the Developer Center refreshes its page).</summary>
    internal Action? Changed { get; set; }

    /// <summary>Answers the next <paramref name="count"/> matching calls with <paramref name="statusCode"/> (503 by default) and a protocol error body.</summary>
    /// <param name="count">How many calls fail; at least 1.</param>
    /// <param name="statusCode">The status, 400 to 599.</param>
    /// <param name="operation">Only this kind of call, or every call when <see langword="null"/>.</param>
    public void FailNext(int count, int statusCode = 503, PlatformOperation? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CheckStatus(statusCode);
        Add(new FaultRule(PlatformFaultKind.ErrorStatus, operation, count, null, statusCode, TimeSpan.Zero));
    }

    /// <summary>Answers every matching call with <paramref name="statusCode"/> (503 by default) for <paramref name="duration"/> from now: an outage.</summary>
    /// <param name="duration">How long the outage lasts.</param>
    /// <param name="statusCode">The status, 400 to 599.</param>
    /// <param name="operation">Only this kind of call, or every call when <see langword="null"/>.</param>
    public void FailFor(TimeSpan duration, int statusCode = 503, PlatformOperation? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        CheckStatus(statusCode);
        Add(new FaultRule(PlatformFaultKind.ErrorStatus, operation, null, _time.GetUtcNow() + duration, statusCode, TimeSpan.Zero));
    }

    /// <summary>Answers the next <paramref name="count"/> matching calls with <c>429 Too Many Requests</c> and <c>Retry-After</c> (whole seconds, rounded up).</summary>
    /// <param name="count">How many calls are refused; at least 1.</param>
    /// <param name="retryAfter">The wait the platform asks for; more than zero.</param>
    /// <param name="operation">Only this kind of call, or every call when <see langword="null"/>.</param>
    public void RateLimitNext(int count, TimeSpan retryAfter, PlatformOperation? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retryAfter, TimeSpan.Zero);
        Add(new FaultRule(PlatformFaultKind.RateLimited, operation, count, null, 429, retryAfter));
    }

    /// <summary>Drops the connection of the next <paramref name="count"/> matching calls before handling them: the connector gets no answer.</summary>
    /// <param name="count">How many calls are dropped; at least 1.</param>
    /// <param name="operation">Only this kind of call, or every call when <see langword="null"/>.</param>
    public void DropNext(int count, PlatformOperation? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Add(new FaultRule(PlatformFaultKind.ConnectionDropped, operation, count, null, 0, TimeSpan.Zero));
    }

    /// <summary>Drops the connection of every matching call for <paramref name="duration"/> from now: the platform is unreachable.</summary>
    /// <param name="duration">How long calls are dropped.</param>
    /// <param name="operation">Only this kind of call, or every call when <see langword="null"/>.</param>
    public void DropFor(TimeSpan duration, PlatformOperation? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        Add(new FaultRule(PlatformFaultKind.ConnectionDropped, operation, null, _time.GetUtcNow() + duration, 0, TimeSpan.Zero));
    }

    /// <summary>Delays the answer to matching calls by <paramref name="latency"/>: the next <paramref name="count"/> calls, or all until <see cref="Clear"/>.</summary>
    /// <param name="latency">The added delay; more than zero.</param>
    /// <param name="count">How many calls are delayed, or <see langword="null"/> for all.</param>
    /// <param name="operation">Only this kind of call, or every call when <see langword="null"/>.</param>
    public void AddLatency(TimeSpan latency, int? count = null, PlatformOperation? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(latency, TimeSpan.Zero);
        if (count is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(count));
        }

        Add(new FaultRule(PlatformFaultKind.None, operation, count, null, 0, latency));
    }

    /// <summary>Removes every rule: the platform answers normally again.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }

        Changed?.Invoke();
    }

    /// <summary>The rules in force, one line each, for example <c>503 for the next 2 calls</c>.</summary>
    internal IReadOnlyList<string> Describe()
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            return _rules.Where(rule => !rule.IsSpent(now)).Select(rule => rule.Describe()).ToArray();
        }
    }

    /// <summary>Decides the fate of one call and uses up the rules that apply.</summary>
    internal FaultDecision Take(PlatformOperation operation)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            _rules.RemoveAll(rule => rule.IsSpent(now));
            TimeSpan latency = TimeSpan.Zero;
            FaultRule? failure = null;
            foreach (FaultRule rule in _rules)
            {
                if (!rule.Matches(operation))
                {
                    continue;
                }

                if (rule.Kind == PlatformFaultKind.None)
                {
                    latency += rule.Latency;
                    rule.Use();
                }
                else if (failure is null)
                {
                    failure = rule;
                    rule.Use();
                }
            }

            _rules.RemoveAll(rule => rule.IsSpent(now));
            return failure is null
                ? new FaultDecision(PlatformFaultKind.None, 0, TimeSpan.Zero, latency)
                : new FaultDecision(failure.Kind, failure.StatusCode, failure.Latency, latency);
        }
    }

    private static void CheckStatus(int statusCode)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A fault answers with a 4xx or 5xx status.");
        }
    }

    private void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        Changed?.Invoke();
    }
}
