using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Testing.Internal;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// The local Developer Center: a <see cref="FakeConnctdPlatform"/> on 127.0.0.1 whose server also serves a browser
/// dashboard at <see cref="DashboardUrl"/>. The dashboard shows installations, instances, things with live property
/// values (server-sent events), action requests and a log of every callback and platform call with its verdict, and
/// sends install, instantiate, action, removal and bad callbacks to the connector at <see cref="ConnectorUrl"/>; it
/// injects faults into the platform API. <c>connctd dev</c> hosts it; every asset is served from this assembly.
/// </summary>
/// <remarks>
/// The dashboard answers only requests addressed to 127.0.0.1 or localhost, and commands only with a JSON body, so a web
/// page elsewhere cannot drive it.
/// </remarks>
public sealed class DeveloperCenterServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Uri _connectorUrl;
    private ConnectorUnderTest? _connector;
    private int _disposed;

    private DeveloperCenterServer(FakeConnctdPlatform platform, DeveloperCenterOptions options)
    {
        Platform = platform;
        _connectorUrl = options.ConnectorUrl;
        CallbackPath = options.CallbackPath;
        Schema = options.Schema ?? ConnectorConfigurationSchema.Empty;
        HasSchema = options.Schema is not null;
        DashboardUrl = new Uri(platform.PlatformUrl, "/");
    }

    /// <summary>The fake platform behind the dashboard: its records, its key pair, its faults.</summary>
    public FakeConnctdPlatform Platform { get; }

    /// <summary>The dashboard's address, for example <c>http://127.0.0.1:5480/</c>; the platform API is below it at <c>/api/v1/</c>.</summary>
    public Uri DashboardUrl { get; }

    /// <summary>Where the connector maps its callbacks, for example <c>/connctd</c>.</summary>
    public string CallbackPath { get; }

    /// <summary>The connector's configuration parameters; empty when none were given.</summary>
    public ConnectorConfigurationSchema Schema { get; }

    /// <summary>Where the connector serves HTTP; set it when the connector starts on another address.</summary>
    public Uri ConnectorUrl
    {
        get
        {
            lock (_gate)
            {
                return _connectorUrl;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsAbsoluteUri)
            {
                throw new ArgumentException("The connector's address must be absolute, for example http://127.0.0.1:5080/.", nameof(value));
            }

            lock (_gate)
            {
                _connectorUrl = value;
                _connector = null;
            }

            Platform.State.Touch();
        }
    }

    /// <summary>The callback URLs to publish for the connector: installations, instances and actions below <see cref="ConnectorUrl"/>.</summary>
    public IReadOnlyList<Uri> CallbackUrls
    {
        get
        {
            Uri callbacks = Connector.CallbackBaseUrl;
            return [new Uri(callbacks, "installations"), new Uri(callbacks, "instances"), new Uri(callbacks, "actions")];
        }
    }

    internal bool HasSchema { get; }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The sender of callbacks to the connector at the current <see cref="ConnectorUrl"/>.</summary>
    internal ConnectorUnderTest Connector
    {
        get
        {
            lock (_gate)
            {
                return _connector ??= Platform.ConnectTo(_connectorUrl, CallbackPath);
            }
        }
    }

    /// <summary>Starts the platform API and the dashboard on 127.0.0.1.</summary>
    /// <param name="options">The options; the defaults work (a free port, a new key pair).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running Developer Center; dispose it to stop it.</returns>
    public static async Task<DeveloperCenterServer> StartAsync(DeveloperCenterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DeveloperCenterOptions();
        ArgumentNullException.ThrowIfNull(options.ConnectorUrl, nameof(options.ConnectorUrl));
        ArgumentNullException.ThrowIfNull(options.CallbackPath, nameof(options.CallbackPath));
        var platformOptions = new FakeConnctdPlatformOptions
        {
            Port = options.Port,
            PrivateKeySeedBase64 = options.PrivateKeySeedBase64,
            LoggerFactory = options.LoggerFactory,
        };
        DeveloperCenterServer? server = null;
        FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync(
            platformOptions,
            started =>
            {
                server = new DeveloperCenterServer(started, options);
                return new DashboardApi(server).HandleAsync;
            },
            cancellationToken).ConfigureAwait(false);
        platform.Faults.Changed = platform.State.Touch;
        return server!;
    }

    /// <summary>Stops the dashboard's event streams, then the platform.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Platform.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
