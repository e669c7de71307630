using System.Globalization;

namespace Connctd.Connector.Sdk.Benchmarks.StoreFixtures;

/// <summary>
/// The thing mappings a lookup benchmark runs against: <c>n</c> things spread over <c>max(1, n / 1000)</c> instances
/// of one installation (1,000 things per instance), with platform-like thing ids that are unique but in no useful
/// order, so the thing-id index is filled at random positions as it would be in production.
/// </summary>
public sealed class MappingData
{
    public const string InstallationId = "bench-installation";
    public const int ThingsPerInstance = 1000;
    public const int LookupSampleSize = 4096;

    public MappingData(int mappings)
    {
        Mappings = mappings;
        Instances = Math.Max(1, (mappings + ThingsPerInstance - 1) / ThingsPerInstance);
        var random = new Random(20261125);
        LookupThingIds = Enumerable.Range(0, LookupSampleSize).Select(_ => ThingIdFor(random.Next(mappings))).ToArray();
    }

    public int Mappings { get; }

    public int Instances { get; }

    /// <summary>Existing thing ids in random order; a benchmark cycles through them.</summary>
    public IReadOnlyList<string> LookupThingIds { get; }

    public static string InstanceIdFor(int instance) => string.Create(CultureInfo.InvariantCulture, $"bench-instance-{instance:D5}");

    public static string ExternalIdFor(int index) => string.Create(CultureInfo.InvariantCulture, $"device-{index:D7}");

    /// <summary>A 24-character id: 16 hex digits of a mixed hash, then the index, so ids are unique and unordered.</summary>
    public static string ThingIdFor(int index)
    {
        ulong z = (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return string.Create(CultureInfo.InvariantCulture, $"{z:x16}{index:x8}");
    }

    /// <summary>Every mapping in primary-key order (instance, external id), the order a bulk load inserts fastest.</summary>
    public IEnumerable<(string InstanceId, string ExternalId, string ThingId)> All()
    {
        for (int index = 0; index < Mappings; index++)
        {
            yield return (InstanceIdFor(index / ThingsPerInstance), ExternalIdFor(index), ThingIdFor(index));
        }
    }
}
