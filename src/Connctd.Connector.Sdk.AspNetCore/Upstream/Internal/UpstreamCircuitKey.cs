namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>Names one resilience pipeline of an upstream API: the API and the partition of its scope ("" for the whole API).</summary>
internal readonly record struct UpstreamCircuitKey(string Api, string Partition)
{
    public override string ToString() => Partition.Length == 0 ? Api : $"{Api}/{Partition}";
}
