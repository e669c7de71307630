using System.Diagnostics;

namespace Connctd.Connector.Sdk.Benchmarks.Common;

/// <summary>
/// Measures how long a durable write takes on the disk the SQLite file lives on (4 KiB write + fsync), the floor
/// under every SQLite commit with <c>synchronous = FULL</c>. Measured in the same run as the figures it explains,
/// because on shared machines it varies by an order of magnitude with the other tenants' I/O.
/// </summary>
public static class DiskProbe
{
    public static TimeSpan MeasureFsync(string directory, int writes = 200)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"fsync-probe-{Guid.NewGuid():N}.bin");
        byte[] block = new byte[4096];
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);

            // Blocks written once and then overwritten in place, as a write-ahead log is after its first checkpoint:
            // appending would add the cost of allocating blocks, which a long-running log does not pay.
            for (int i = 0; i < Blocks; i++)
            {
                file.Write(block);
            }

            file.Flush(flushToDisk: true);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < writes; i++)
            {
                file.Position = (long)(i % Blocks) * block.Length;
                file.Write(block);
                file.Flush(flushToDisk: true);
            }

            return Stopwatch.GetElapsedTime(start) / writes;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const int Blocks = 256;
}
