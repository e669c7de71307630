using System.Globalization;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>The command line of the load driver; see <see cref="Usage"/>.</summary>
internal sealed class DriverOptions
{
    public const string Usage = """
        connctd load driver: signed action callbacks against a connector, and the Ed25519 verify ceiling.

          --url <url>              the action callback URL, e.g. http://127.0.0.1:5080/connctd/actions
          --private-key <base64>   the publication's 32-byte Ed25519 private key seed (the connector holds its public key)
          --thing-id <id>          the thing the actions go to (default bench-thing-1)
          --things <n>             self-host: the instance gets n things and the actions go round bench-thing-1 … n
                                   (default 1; the Lamp sample is instantiated with lamps = n, at most 100)
          --install                first send a signed installation and instantiation to the sibling URLs
                                   (…/installations, …/instances), as the platform would
          --self-host              start a connector with a do-nothing connector on 127.0.0.1 (child process,
                                   pinned to CPU 0; the driver pins itself to CPU 1), install it and load it
          --store <name>           self-host's store: sqlite (default), postgresql (CONNCTD_BENCH_POSTGRES) or
                                   memory (SQLite with the action path in memory: not durable, shows the SDK alone)
          --concurrency <n>        requests in flight (default 16)
          --duration <time>        measured time, e.g. 20s, 1m (default 20s)
          --warmup <time>          time before measuring (default 5s)
          --jit-settle <time>      self-host: after the warm-up, go on loading until the server's JIT has settled
                                   (fewer than 10 new methods in each of three 3 s windows), at most this long
                                   (default 90s; 0 = off)
          --max-requests <n>       stop after this many requests (default 5000000)
          --ceiling <time>         how long to measure the verify ceiling (default 3s)
          --signed-scheme <s>      scheme of the signed URL (default https, as the platform signs)
          --no-pin                 do not pin server and driver to separate CPUs
          --no-baseline            self-host: skip the second run against POST /bench/noop (Kestrel without the SDK)
          --host-settings <v>      self-host: Kestrel/runtime settings of the server, joined with + (inline-scheduling,
                                   inline-completions, no-server-header, min-threads=<n>; default none)

        Comparisons (self-hosted, one run, one target after the other, every figure beside the memory path's):
          --compare <targets>      comma-separated: memory, sqlite, postgresql (skipped without CONNCTD_BENCH_POSTGRES),
                                   lamp (the Lamp sample's setOn, default store and outbox), noop (POST /bench/noop);
                                   `stores` = memory,sqlite,postgresql,noop; `lamp` alone = memory,lamp.
                                   memory is always measured (first): it is the yardstick
          --kestrel <variants>     comma-separated host-setting variants (see --host-settings; `default` = none,
                                   `all` = default,inline-scheduling,inline-completions,no-server-header): the memory
                                   path and POST /bench/noop under each, beside the default host's
          --rounds <n>             repeat the whole comparison n times, interleaved; medians are reported (default 1)
        """;

    public Uri? Url { get; private set; }

    public string? PrivateKey { get; private set; }

    public string ThingId { get; private set; } = "bench-thing-1";

    public bool Install { get; private set; }

    public int Things { get; private set; } = 1;

    public bool SelfHost { get; private set; }

    public string Store { get; private set; } = "sqlite";

    public int Concurrency { get; private set; } = 16;

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most time the warm-up goes on, after <see cref="Warmup"/>, for the server's JIT to settle.</summary>
    public TimeSpan JitSettle { get; private set; } = TimeSpan.FromSeconds(90);

    public long MaxRequests { get; private set; } = 5_000_000;

    public TimeSpan CeilingTime { get; private set; } = TimeSpan.FromSeconds(3);

    public string SignedScheme { get; private set; } = "https";

    public bool Pin { get; private set; } = true;

    public bool Baseline { get; private set; } = true;

    public IReadOnlyList<string> HostSettings { get; private set; } = [];

    /// <summary>The targets of <c>--compare</c>, memory first; null when not comparing stores.</summary>
    public IReadOnlyList<string>? CompareTargets { get; private set; }

    /// <summary>The host-setting variants of <c>--kestrel</c>; null when not comparing host settings.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? KestrelVariants { get; private set; }

    public int Rounds { get; private set; } = 1;

    public bool IsComparison => CompareTargets is not null || KestrelVariants is not null;

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DriverOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--url": options.Url = new Uri(Value(), UriKind.Absolute); break;
                case "--private-key": options.PrivateKey = Value(); break;
                case "--thing-id": options.ThingId = Value(); break;
                case "--install": options.Install = true; break;
                case "--things": options.Things = Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--self-host": options.SelfHost = true; break;
                case "--store": options.Store = Value() switch
                {
                    "sqlite" => "sqlite",
                    "postgresql" => "postgresql",
                    "memory" => "memory",
                    _ => throw new ArgumentException("--store is sqlite, postgresql or memory."),
                };
                break;
                case "--concurrency": options.Concurrency = Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--duration": options.Duration = ParseTime(Value()); break;
                case "--warmup": options.Warmup = ParseTime(Value()); break;
                case "--jit-settle": options.JitSettle = ParseTimeOrZero(Value()); break;
                case "--max-requests": options.MaxRequests = Positive(name, long.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--ceiling": options.CeilingTime = ParseTime(Value()); break;
                case "--signed-scheme": options.SignedScheme = Value(); break;
                case "--no-pin": options.Pin = false; break;
                case "--no-baseline": options.Baseline = false; break;
                case "--host-settings": options.HostSettings = LoadDriver.HostSettings.ParseVariant(Value()); break;
                case "--compare": options.CompareTargets = ParseTargets(Value()); break;
                case "--kestrel": options.KestrelVariants = ParseVariants(Value()); break;
                case "--rounds": options.Rounds = Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if (options.CompareTargets is not null && options.KestrelVariants is not null)
        {
            throw new ArgumentException("Give --compare or --kestrel, not both.");
        }

        if (!options.SelfHost && !options.IsComparison && (options.Url is null || options.PrivateKey is null))
        {
            throw new ArgumentException("Give --url and --private-key, or --self-host.");
        }

        return options;
    }

    private static string[] ParseTargets(string text)
    {
        string[] given = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IEnumerable<string> expanded = given.SelectMany(target => target == "stores" ? ["noop", "sqlite", "postgresql"] : new[] { target });
        string[] targets = ["memory", .. expanded.Where(target => target != "memory").Distinct(StringComparer.Ordinal)];
        string? unknown = targets.FirstOrDefault(target => target is not ("memory" or "sqlite" or "postgresql" or "lamp" or "noop"));
        return unknown is null
            ? targets
            : throw new ArgumentException($"Unknown --compare target '{unknown}': use memory, sqlite, postgresql, lamp, noop, or stores.");
    }

    private static IReadOnlyList<string>[] ParseVariants(string text)
    {
        string[] given = text == "all"
            ? [LoadDriver.HostSettings.Default, LoadDriver.HostSettings.InlineScheduling, LoadDriver.HostSettings.InlineCompletions, LoadDriver.HostSettings.NoServerHeader]
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // The default host is always measured first: it is what every other variant is read against.
        return [[], .. given.Select(LoadDriver.HostSettings.ParseVariant).Where(variant => variant.Count > 0)];
    }

    /// <summary>A time as <see cref="ParseTime"/> reads it, or zero (<c>0</c>, <c>0s</c>): off.</summary>
    public static TimeSpan ParseTimeOrZero(string text) => text is "0" or "0s" ? TimeSpan.Zero : ParseTime(text);

    /// <summary>Reads <c>20s</c>, <c>500ms</c>, <c>2m</c> or a plain number of seconds.</summary>
    public static TimeSpan ParseTime(string text)
    {
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        double seconds = double.Parse(number, CultureInfo.InvariantCulture) * scale;
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"'{text}' is not a positive time.");
    }

    private static T Positive<T>(string name, T value)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{name} must be positive.");
}
