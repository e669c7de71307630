using System.Globalization;
using Connctd.Connector.Sdk.OutboxThroughput;

// See OutboxBenchmark and benchmarks/README.md.
const string Usage = """
    connctd outbox throughput: property updates delivered to a platform stub on 127.0.0.1.

      --updates <n>         updates queued, then delivered, in the throughput phases (default 20000)
      --producers <n>       concurrent callers of IConnectorPlatform.UpdatePropertyAsync (default 8)
      --things <n>          things of the instance the updates go to (default 20)
      --slow <time>         the stub's delay per call in the slow-platform phases (default 50ms)
      --slow-duration <t>   how long each slow-platform phase produces updates (default 10s)
      --hot-properties <n>  properties updated again and again in the coalescing phase (default 100)
      --store <name>        sqlite (default), postgresql (connection string in CONNCTD_BENCH_POSTGRES), or all: SQLite,
                            then PostgreSQL when CONNCTD_BENCH_POSTGRES is set, with one table of both beside the targets
      --batch <n>           OutboxOptions.BatchSize (default 50)
      --deliveries <n>      OutboxOptions.MaxConcurrentDeliveries (default 8)
      --no-slow             skip the two slow-platform phases (about 20 s)
      --phase-limit <time>  stop queueing, or waiting for deliveries, after this long in each throughput phase and
                            take the rate from what was done (default 300s; bounds a run against a slow store)
    """;

var settings = new OutboxBenchmark.Settings();
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string name = args[i];
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
        switch (name)
        {
            case "--updates": settings.Updates = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--producers": settings.Producers = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--things": settings.Things = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--slow": settings.SlowDelay = ParseTime(Value()); break;
            case "--slow-duration": settings.SlowDuration = ParseTime(Value()); break;
            case "--hot-properties": settings.HotProperties = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--store": settings.Store = Value(); break;
            case "--batch": settings.BatchSize = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--deliveries": settings.ConcurrentDeliveries = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--no-slow": settings.SlowPhases = false; break;
            case "--phase-limit": settings.PhaseLimit = ParseTime(Value()); break;
            default: throw new ArgumentException($"Unknown option {name}.");
        }
    }

    if (settings.Updates <= 0 || settings.Producers <= 0 || settings.Things <= 0 || settings.HotProperties <= 0 || settings.BatchSize <= 0 || settings.ConcurrentDeliveries <= 0 || settings.Store is not ("sqlite" or "postgresql" or "all"))
    {
        throw new ArgumentException("Counts must be positive and --store sqlite, postgresql or all.");
    }
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

string[] stores = settings.Store != "all"
    ? [settings.Store]
    : string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CONNCTD_BENCH_POSTGRES")) ? ["sqlite"] : ["sqlite", "postgresql"];
if (settings.Store == "all" && stores.Length == 1)
{
    Console.WriteLine("PostgreSQL store: not measured (CONNCTD_BENCH_POSTGRES is not set)");
}

var figures = new List<OutboxBenchmark.Figures>();
foreach (string store in stores)
{
    settings.Store = store;
    if (await OutboxBenchmark.RunAsync(settings) is not { } result)
    {
        return 1;
    }

    figures.Add(result);
    Console.WriteLine();
}

OutboxTargets.Print(figures, settings.Producers);
return 0;

static TimeSpan ParseTime(string text) => text.EndsWith("ms", StringComparison.Ordinal)
    ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
    : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));
