using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using Connctd.Connector.Sdk.Benchmarks;
using Connctd.Connector.Sdk.Benchmarks.StoreFixtures;

// `profile-allocations [count]` prints where an action callback's allocations go; anything else goes to
// BenchmarkDotNet (--filter, --job short, ...; see benchmarks/README.md).
if (args.Length > 0 && args[0] == "profile-allocations")
{
    await AllocationProfile.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000);
    return;
}

Console.WriteLine(StoreKinds.Describe());
IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args, config);
