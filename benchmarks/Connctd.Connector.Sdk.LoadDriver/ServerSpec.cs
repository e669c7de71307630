namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// What the <c>serve</c> child process hosts: the connector (<c>bench</c>: <see cref="Benchmarks.Common.BenchConnector"/>
/// with the chosen store; <c>lamp</c>: the Lamp sample as its <c>LampConnectorApp</c> builds it, with its default
/// SQLite store and outbox), the store of the bench connector, the <see cref="HostSettings"/> of the host, and how many
/// things the bench connector gives an instance (the Lamp sample's count comes with the instantiation, parameter <c>lamps</c>),
/// and the platform it calls: the driver's stub (<see cref="PlatformUrl"/>), or, when null, a stub the server starts itself.
/// </summary>
internal sealed record ServerSpec(string App, string Store, IReadOnlyList<string> Settings, int Things = 1, Uri? PlatformUrl = null)
{
    public const string BenchApp = "bench";
    public const string LampApp = "lamp";

    /// <summary>The command line of the child process, after <c>serve --public-key &lt;key&gt;</c>.</summary>
    public IEnumerable<string> ToArguments()
    {
        yield return "--app";
        yield return App;
        yield return "--store";
        yield return Store;
        yield return "--things";
        yield return Things.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string setting in Settings)
        {
            yield return "--host-setting";
            yield return setting;
        }

        if (PlatformUrl is not null)
        {
            yield return "--platform-url";
            yield return PlatformUrl.AbsoluteUri;
        }
    }

    /// <summary>Reads the child's command line (everything after <c>serve</c>); the public key comes back separately.</summary>
    public static (string PublicKey, ServerSpec Spec) Parse(IReadOnlyList<string> args)
    {
        string? publicKey = null;
        string app = BenchApp;
        string store = "sqlite";
        var settings = new List<string>();
        int things = 1;
        Uri? platformUrl = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--public-key": publicKey = Value(); break;
                case "--app":
                    app = Value();
                    if (app is not (BenchApp or LampApp))
                    {
                        throw new ArgumentException("--app is bench or lamp.");
                    }

                    break;
                case "--store": store = Value(); break;
                case "--things": things = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--host-setting": settings.AddRange(HostSettings.ParseVariant(Value())); break;
                case "--platform-url": platformUrl = new Uri(Value(), UriKind.Absolute); break;
                default: throw new ArgumentException($"Unknown serve option {name}.");
            }
        }

        return (publicKey ?? throw new ArgumentException("serve needs --public-key."), new ServerSpec(app, store, settings, things, platformUrl));
    }
}
