using System.Diagnostics;
using System.Globalization;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

/// <summary>
/// The name a delivering process leases outbox messages under: <c>machine/process id/process start/random</c>, new for
/// every life of the process, so that a restarted process recognises the leases its previous life left behind.
/// </summary>
internal static class LeaseOwner
{
    private static readonly long StartedAt = StartTicks(Process.GetCurrentProcess());

    /// <summary>The owner name of one worker in this life of this process.</summary>
    public static string ForThisProcess() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{StartedAt}/{Guid.NewGuid():N}");

    /// <summary>
    /// Whether an owner name is of an earlier, ended life on this machine: the machine name matches, and its process is
    /// gone, or its process id now belongs to a process started at another time (this one, in a container restarted
    /// under the same host name, or a reused id). Workers of live processes — this one included — are never matched.
    /// </summary>
    public static bool IsPreviousLifeOnThisMachine(string owner)
    {
        string[] parts = owner.Split('/');
        if (parts.Length != 4 || parts[0] != Environment.MachineName ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int processId) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long startedAt))
        {
            return false;
        }

        if (processId == Environment.ProcessId)
        {
            return startedAt != StartedAt;
        }

        try
        {
            using Process process = Process.GetProcessById(processId);
            return process.HasExited || StartTicks(process) != startedAt;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;
}
