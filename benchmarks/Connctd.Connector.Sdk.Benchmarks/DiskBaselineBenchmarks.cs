using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.StoreFixtures;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// The floor under every durable SQLite commit (<c>synchronous = FULL</c>): a 4 KiB write and an fsync in the
/// directory the benchmark databases live in, overwriting the blocks of a 1 MiB file in turn (as a write-ahead log
/// does once it has been checkpointed). On shared machines it moves by an order of magnitude with the other
/// tenants' I/O, so read the store's write figures against this one from the same run.
/// </summary>
[MemoryDiagnoser]
public class DiskBaselineBenchmarks
{
    private const int Blocks = 256;
    private readonly byte[] _block = new byte[4096];
    private FileStream _file = null!;
    private string _path = null!;
    private int _writes;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(SqliteStoreFactory.Directory);
        _path = Path.Combine(SqliteStoreFactory.Directory, $"fsync-{Guid.NewGuid():N}.bin");
        _file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        for (int i = 0; i < Blocks; i++)
        {
            _file.Write(_block);
        }

        _file.Flush(flushToDisk: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        File.Delete(_path);
    }

    [Benchmark]
    public void Fsync4KiB()
    {
        _file.Position = (long)(_writes++ % Blocks) * _block.Length;
        _file.Write(_block);
        _file.Flush(flushToDisk: true);
    }
}
