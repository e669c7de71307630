namespace Connctd.Connector.Sdk.Benchmarks.Common;

/// <summary>
/// Tells from samples of a process's compiled-method count (<c>JitInfo.GetCompiledMethodCount</c>) when its JIT has
/// settled: fewer than <see cref="QuietMethods"/> new methods in each of <see cref="QuietWindows"/> windows of at least
/// <see cref="Window"/> in a row. Tiered compilation first runs each method as unoptimised code and replaces it only
/// after the method ran for a while; a measurement before that measures unoptimised code. One quiet window is not
/// enough: between the first compilations and the optimised ones the JIT pauses for a few seconds (the call-counting delay).
/// </summary>
public sealed class JitSettling(long firstCount)
{
    /// <summary>The shortest time between two samples.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    /// <summary>Fewer new methods than this in a window: a quiet window.</summary>
    public const long QuietMethods = 10;

    /// <summary>How many quiet windows in a row count as settled.</summary>
    public const int QuietWindows = 3;

    private long _count = firstCount;
    private int _quiet;

    /// <summary>Whether the samples so far show a settled JIT.</summary>
    public bool IsSettled => _quiet >= QuietWindows;

    /// <summary>Adds a sample taken at least <see cref="Window"/> after the one before; returns <see cref="IsSettled"/>.</summary>
    public bool Add(long count)
    {
        _quiet = count - _count < QuietMethods ? _quiet + 1 : 0;
        _count = count;
        return IsSettled;
    }
}
