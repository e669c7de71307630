using System.Diagnostics;
using System.Reflection;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// CPU pinning with <c>taskset</c> (Linux, two or more cores): the server runs as a child process started with
/// <c>taskset -c 0</c>, and the driver runs itself again under <c>taskset -c 1</c>, so every thread of each
/// process, the runtime's own included, stays on its core and each runtime sizes its thread pool and GC for one core.
/// </summary>
internal static class Pinning
{
    public const string PinnedVariable = "CONNCTD_BENCH_PINNED";

    public static bool IsPinnedProcess => Environment.GetEnvironmentVariable(PinnedVariable) is not null;

    /// <summary>Null when pinning is possible, otherwise why not.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (Environment.ProcessorCount < 2 && !IsPinnedProcess)
        {
            return "fewer than two cores";
        }

        return FindTaskset() is null ? "taskset not found" : null;
    }

    /// <summary>Starts this program with <paramref name="arguments"/>, on <paramref name="cpu"/> when given.</summary>
    public static Process Start(IEnumerable<string> arguments, int? cpu, bool redirect, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardInput = redirect, RedirectStandardOutput = redirect };
        (string program, string? assembly) = Self();
        if (cpu is int core)
        {
            start.FileName = FindTaskset()!;
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(core.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        if (assembly is not null)
        {
            start.ArgumentList.Add(assembly);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
    }

    /// <summary>The executable to run this program again, and the assembly to pass when that is the dotnet host.</summary>
    private static (string Program, string? Assembly) Self()
    {
        string processPath = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        string name = Path.GetFileNameWithoutExtension(processPath);
        return name.Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (processPath, Assembly.GetEntryAssembly()!.Location)
            : (processPath, null);
    }

    private static string? FindTaskset() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "taskset"))
            .FirstOrDefault(File.Exists);
}
