namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// The file the test connector's upgrade hooks write to (<c>Durability:UpgradeLog</c>), read back: one entry per hook
/// start (<c>begin</c>) and per hook end (<c>end</c>), from every host and child process of the test.
/// </summary>
public sealed class UpgradeLog
{
    public UpgradeLog() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "connctd-upgrades-" + Guid.NewGuid().ToString("N") + ".log");

    public string Path { get; }

    /// <summary>Every entry so far, in the order written.</summary>
    public IReadOnlyList<UpgradeLogEntry> Entries()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        return [.. File.ReadAllLines(Path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' '))
            .Select(parts => new UpgradeLogEntry(parts[0], parts[1], parts[2], int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>How often the hook of <paramref name="kind"/> <paramref name="id"/> logged <paramref name="what"/>.</summary>
    public int Count(string what, string kind, string id) => Entries().Count(entry => entry.What == what && entry.Kind == kind && entry.Id == id);
}
