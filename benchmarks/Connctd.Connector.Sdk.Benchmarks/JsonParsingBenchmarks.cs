using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// Parsing the three callback bodies with the source-generated metadata of <see cref="ConnctdJson"/>, as the endpoint does:
/// a strict well-formedness pass (depth limit 32) over the raw bytes, then deserialization. <see cref="WellFormedPass"/>
/// is the first step alone, for the action body.
/// </summary>
[MemoryDiagnoser]
public class JsonParsingBenchmarks
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    [Benchmark]
    public InstallationRequest? Installation() =>
        WellFormed(Samples.InstallationBody) ? JsonSerializer.Deserialize(Samples.InstallationBody, ConnctdJson.GetTypeInfo<InstallationRequest>()) : null;

    [Benchmark]
    public InstantiationRequest? Instantiation() =>
        WellFormed(Samples.InstantiationBody) ? JsonSerializer.Deserialize(Samples.InstantiationBody, ConnctdJson.GetTypeInfo<InstantiationRequest>()) : null;

    [Benchmark(Baseline = true)]
    public ActionRequest? Action() =>
        WellFormed(Samples.ActionBody) ? JsonSerializer.Deserialize(Samples.ActionBody, ConnctdJson.GetTypeInfo<ActionRequest>()) : null;

    [Benchmark]
    public bool WellFormedPass() => WellFormed(Samples.ActionBody);

    private static bool WellFormed(byte[] body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        while (reader.Read())
        {
        }

        return true;
    }
}
