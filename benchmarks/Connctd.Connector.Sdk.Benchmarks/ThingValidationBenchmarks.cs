using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.Infrastructure;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// <see cref="ThingValidator.Validate"/> on the lamp of the protocol (1 component, 1 property, 1 action) and on a
/// gateway (5 components of 20 properties and 5 actions), both valid, so every rule runs to the end.
/// </summary>
[MemoryDiagnoser]
public class ThingValidationBenchmarks
{
    private Thing _lamp = null!;
    private Thing _gateway = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lamp = Samples.Lamp();
        _gateway = Samples.Gateway();
        if (ThingValidator.Validate(_lamp).Count != 0 || ThingValidator.Validate(_gateway).Count != 0)
        {
            throw new InvalidOperationException("The sample things are not valid.");
        }
    }

    [Benchmark(Baseline = true)]
    public int ValidateLamp() => ThingValidator.Validate(_lamp).Count;

    [Benchmark]
    public int ValidateGateway() => ThingValidator.Validate(_gateway).Count;

    [Benchmark]
    public Thing BuildLamp() => Samples.Lamp();
}
