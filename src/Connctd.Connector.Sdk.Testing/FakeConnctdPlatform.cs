using System.Globalization;
using System.Net;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Testing.Internal;
using Connctd.Connector.Sdk.Things;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// A fake connctd platform for testing a connector on this machine: it holds a publication key pair, serves the
/// platform API on <c>127.0.0.1</c> (Kestrel, a free port), sends signed callbacks through
/// <see cref="ConnectorUnderTest"/>, records everything the connector sends, and injects faults
/// (<see cref="Faults"/>).
/// </summary>
/// <remarks>
/// <para>Point the connector at it with <see cref="ConnectorSettings"/> (<c>Connctd:PublicKey</c> and
/// <c>Connctd:PlatformUrl</c>), or <c>UseFakeConnctdPlatform</c> on a web host builder.</para>
/// <para>The platform API behaves like the real one, strictly: bearer tokens must be live tokens the platform issued
/// (401 otherwise), things must be valid, values must fit their property's type, a thing and an action request belong
/// to one instance. Every call is recorded in <see cref="Requests"/> with its answer, so a refused call is easy to see.</para>
/// <para>A connector may deliver updates in the background (an outbox), so never assume an update has arrived when the
/// connector's call returned: use the <c>WaitFor…</c> assertions, which return as soon as the expectation holds and
/// throw <see cref="FakePlatformTimeoutException"/> after the timeout.</para>
/// </remarks>
public sealed class FakeConnctdPlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ConnectorUnderTest> _connectors = [];
    private readonly Lock _connectorsGate = new();
    private int _disposed;

    private FakeConnctdPlatform(WebApplication app, PlatformState state, PlatformFaults faults, RequestSigner signer, Uri platformUrl, FakeConnctdPlatformOptions options, ILogger logger)
    {
        _app = app;
        State = state;
        Faults = faults;
        Signer = signer;
        WrongSigner = RequestSigner.Generate();
        PlatformUrl = platformUrl;
        DefaultTimeout = options.DefaultTimeout;
        Time = options.TimeProvider;
        Logger = logger;
        ConnectorSettings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Connctd:PublicKey"] = signer.PublicKey.ToBase64(),
            ["Connctd:PlatformUrl"] = platformUrl.AbsoluteUri,
        };
    }

    /// <summary>The platform API base URL, for example <c>http://127.0.0.1:41234/api/v1/</c> (the connector's <c>Connctd:PlatformUrl</c>).</summary>
    public Uri PlatformUrl { get; }

    /// <summary>The publication's public key (the connector's <c>Connctd:PublicKey</c>).</summary>
    public ConnectorPublicKey PublicKey => Signer.PublicKey;

    /// <summary>The publication's public key as Base64, as the platform shows it when a connector is published.</summary>
    public string PublicKeyBase64 => Signer.PublicKey.ToBase64();

    /// <summary>
    /// The configuration a connector needs to use this platform: <c>Connctd:PublicKey</c> and <c>Connctd:PlatformUrl</c>.
    /// Add it with <c>configuration.AddInMemoryCollection(platform.ConnectorSettings)</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings { get; }

    /// <summary>Injects faults into the platform API: 503s, 429 with Retry-After, latency, dropped connections.</summary>
    public PlatformFaults Faults { get; }

    /// <summary>How long the <c>WaitFor…</c> assertions wait when no timeout is given.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>Every platform API call in order of arrival, including refused and faulted ones.</summary>
    public IReadOnlyList<RecordedRequest> Requests => State.Requests();

    /// <summary>Every thing created, in order of creation (<c>thing-1</c>, <c>thing-2</c>, …), including deleted ones, as the platform holds them now.</summary>
    public IReadOnlyList<RecordedThing> Things => State.Things();

    /// <summary>Every callback sent to the connector (valid and bad ones) with its answer, in order of sending.</summary>
    public IReadOnlyList<RecordedCallback> Callbacks => State.Callbacks();

    /// <summary>Every property value accepted, in order of arrival.</summary>
    public IReadOnlyList<RecordedPropertyUpdate> PropertyUpdates => State.PropertyUpdates();

    /// <summary>Every thing status accepted, in order of arrival.</summary>
    public IReadOnlyList<RecordedThingStatus> ThingStatusUpdates => State.ThingStatuses();

    /// <summary>Every action request update accepted, in order of arrival.</summary>
    public IReadOnlyList<RecordedActionUpdate> ActionUpdates => State.ActionUpdates();

    /// <summary>Every installation state reported through the state API, in order of arrival.</summary>
    public IReadOnlyList<RecordedStateUpdate> InstallationStateUpdates => State.InstallationStates();

    /// <summary>Every instance state reported through the state API, in order of arrival.</summary>
    public IReadOnlyList<RecordedStateUpdate> InstanceStateUpdates => State.InstanceStates();

    /// <summary>Every thing the connector deleted, in order of arrival (things the platform deleted with their instance are not here).</summary>
    public IReadOnlyList<RecordedThingDeletion> ThingDeletions => State.ThingDeletions();

    /// <summary>Every installation the platform sent, with its current state.</summary>
    public IReadOnlyList<FakeInstallation> Installations => State.Installations();

    /// <summary>Every instance the platform sent, with its current state.</summary>
    public IReadOnlyList<FakeInstance> Instances => State.Instances();

    /// <summary>Every action request the platform sent, with its current status.</summary>
    public IReadOnlyList<FakeActionRequest> ActionRequests => State.ActionRequests();

    internal PlatformState State { get; }

    internal RequestSigner Signer { get; }

    internal RequestSigner WrongSigner { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>Starts a fake platform on 127.0.0.1 with a new publication key pair.</summary>
    /// <param name="options">The options; the defaults work.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running platform; dispose it to stop it.</returns>
    public static Task<FakeConnctdPlatform> StartAsync(FakeConnctdPlatformOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, null, cancellationToken);

    /// <summary>
    /// Starts a fake platform whose server also answers the requests outside the platform API (<c>/api/</c>) with the
    /// handler <paramref name="otherRequests"/> makes for it (the Developer Center's dashboard).
    /// </summary>
    internal static async Task<FakeConnctdPlatform> StartAsync(
        FakeConnctdPlatformOptions? options, Func<FakeConnctdPlatform, RequestDelegate>? otherRequests, CancellationToken cancellationToken)
    {
        options ??= new FakeConnctdPlatformOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DefaultTimeout, TimeSpan.Zero, nameof(options.DefaultTimeout));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));

        ILogger logger = options.LoggerFactory?.CreateLogger<FakeConnctdPlatform>() ?? NullLogger<FakeConnctdPlatform>.Instance;
        RequestSigner signer = options.PrivateKeySeedBase64 is { } seed ? RequestSigner.FromPrivateKeySeedBase64(seed) : RequestSigner.Generate();
        var state = new PlatformState(options.TimeProvider);
        var faults = new PlatformFaults(options.TimeProvider);
        var api = new PlatformApi(state, faults, logger);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeConnctdPlatform).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddLogging();
        WebApplication app = builder.Build();
        RequestDelegate? other = null;
        app.Run(context => other is not null && !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? other(context)
            : api.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            signer.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var platformUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{PlatformApi.BasePath}");
        Log.Listening(logger, platformUrl);
        var platform = new FakeConnctdPlatform(app, state, faults, signer, platformUrl, options, logger);
        other = otherRequests?.Invoke(platform);
        return platform;
    }

    /// <summary>Sends callbacks to a connector served at <paramref name="connectorBaseUrl"/> (a real server, such as Kestrel on 127.0.0.1).</summary>
    /// <param name="connectorBaseUrl">The connector's address, for example <c>http://127.0.0.1:5080/</c>.</param>
    /// <param name="callbackPath">Where the connector maps its callbacks (<c>MapConnctdConnector</c>); <c>/connctd</c> by default.</param>
    /// <returns>The sender; disposed with the platform.</returns>
    public ConnectorUnderTest ConnectTo(Uri connectorBaseUrl, string callbackPath = "/connctd")
    {
        ArgumentNullException.ThrowIfNull(connectorBaseUrl);
        ArgumentNullException.ThrowIfNull(callbackPath);
        if (!connectorBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The connector's address must be absolute, for example http://127.0.0.1:5080/.", nameof(connectorBaseUrl));
        }

        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(100) };
        return Track(new ConnectorUnderTest(this, http, ownsHttp: true, CallbackBase(connectorBaseUrl, callbackPath)));
    }

    /// <summary>
    /// Sends callbacks through <paramref name="client"/>, for example <c>WebApplicationFactory.CreateClient()</c>; requests
    /// are signed with the host the client sends (from its <see cref="HttpClient.BaseAddress"/>).
    /// </summary>
    /// <param name="client">A client whose base address is the connector's; it stays the caller's to dispose.</param>
    /// <param name="callbackPath">Where the connector maps its callbacks (<c>MapConnctdConnector</c>); <c>/connctd</c> by default.</param>
    /// <returns>The sender.</returns>
    public ConnectorUnderTest ConnectTo(HttpClient client, string callbackPath = "/connctd")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(callbackPath);
        if (client.BaseAddress is not { IsAbsoluteUri: true } baseAddress)
        {
            throw new ArgumentException("The client needs an absolute BaseAddress: the connector's address.", nameof(client));
        }

        return Track(new ConnectorUnderTest(this, client, ownsHttp: false, CallbackBase(baseAddress, callbackPath)));
    }

    /// <summary>Returns a thing as the platform holds it now, or <see langword="null"/> when no such thing was created.</summary>
    /// <param name="thingId">The thing id.</param>
    /// <returns>The thing.</returns>
    public RecordedThing? GetThing(string thingId) => State.Thing(thingId);

    /// <summary>Returns the things of an instance that exist now, in order of creation.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The things.</returns>
    public IReadOnlyList<RecordedThing> GetThings(string instanceId) =>
        State.Things().Where(thing => thing.InstanceId == instanceId && !thing.IsDeleted).ToArray();

    /// <summary>Returns the current value of a property as the platform holds it (the created value until an update arrives).</summary>
    /// <param name="thingId">The thing id.</param>
    /// <param name="componentId">The component id.</param>
    /// <param name="propertyId">The property id.</param>
    /// <returns>The value, or <see langword="null"/> when there is no such thing or property.</returns>
    public string? GetPropertyValue(string thingId, string componentId, string propertyId) =>
        State.Thing(thingId)?.GetPropertyValue(componentId, propertyId);

    /// <summary>Returns an installation the platform sent, or <see langword="null"/>.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <returns>The installation with its current state.</returns>
    public FakeInstallation? GetInstallation(string installationId) => State.Installation(installationId);

    /// <summary>Returns an instance the platform sent, or <see langword="null"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The instance with its current state.</returns>
    public FakeInstance? GetInstance(string instanceId) => State.Instance(instanceId);

    /// <summary>Returns an action request the platform sent, or <see langword="null"/>.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <returns>The action request with its current status.</returns>
    public FakeActionRequest? GetActionRequest(string actionRequestId) => State.ActionRequest(actionRequestId);

    /// <summary>Cancels a pending action request, as the platform may on its own (a user cancel, a timeout); a later update is refused with 409.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <returns><see langword="true"/> when it was pending and is now canceled.</returns>
    public bool CancelActionRequest(string actionRequestId) => State.CancelAction(actionRequestId);

    /// <summary>Waits until an instance has at least <paramref name="count"/> things (not deleted).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="count">How many things are expected.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The instance's things, in order of creation.</returns>
    /// <exception cref="FakePlatformTimeoutException">They did not arrive in time.</exception>
    public Task<IReadOnlyList<RecordedThing>> WaitForThingsAsync(string instanceId, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return WaitAsync<IReadOnlyList<RecordedThing>>(
            () => GetThings(instanceId) is { } things && things.Count >= count ? things : null,
            $"{count} thing(s) of instance {instanceId}",
            () => $"it has {GetThings(instanceId).Count}",
            timeout,
            cancellationToken);
    }

    /// <summary>
    /// Waits until the platform holds <paramref name="expectedValue"/> for a property of a thing: the value it was created
    /// with, or the latest update.
    /// </summary>
    /// <param name="thingId">The thing id.</param>
    /// <param name="componentId">The component id.</param>
    /// <param name="propertyId">The property id.</param>
    /// <param name="expectedValue">The value, exactly as it travels (for example <c>true</c> or <c>42</c>).</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The thing as the platform holds it then.</returns>
    /// <exception cref="FakePlatformTimeoutException">The value did not arrive in time.</exception>
    public Task<RecordedThing> WaitForPropertyAsync(
        string thingId, string componentId, string propertyId, string expectedValue, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        ArgumentException.ThrowIfNullOrEmpty(componentId);
        ArgumentException.ThrowIfNullOrEmpty(propertyId);
        ArgumentNullException.ThrowIfNull(expectedValue);
        return WaitAsync(
            () => State.Thing(thingId) is { } thing && thing.GetPropertyValue(componentId, propertyId) == expectedValue ? thing : null,
            $"property {componentId}/{propertyId} of {thingId} to be \"{expectedValue}\"",
            () => State.Thing(thingId) switch
            {
                null => $"{thingId} was never created",
                { } thing when thing.GetPropertyValue(componentId, propertyId) is not { } value => $"{thingId} has no property {componentId}/{propertyId}",
                { } thing => $"it is \"{thing.GetPropertyValue(componentId, propertyId)}\" (values received: {Describe(PropertyUpdates.Where(update => update.ThingId == thingId && update.ComponentId == componentId && update.PropertyId == propertyId).Select(update => $"\"{update.Value}\""))})",
            },
            timeout,
            cancellationToken);
    }

    /// <summary>Waits until a thing has the given status.</summary>
    /// <param name="thingId">The thing id.</param>
    /// <param name="status">The status expected.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The thing as the platform holds it then.</returns>
    /// <exception cref="FakePlatformTimeoutException">The status did not arrive in time.</exception>
    public Task<RecordedThing> WaitForThingStatusAsync(string thingId, ThingStatus status, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        return WaitAsync(
            () => State.Thing(thingId) is { } thing && thing.Thing.Status == status ? thing : null,
            $"{thingId} to be {status}",
            () => State.Thing(thingId) is { } thing ? $"it is {thing.Thing.Status}" : $"{thingId} was never created",
            timeout,
            cancellationToken);
    }

    /// <summary>Waits until a thing is deleted (by the connector, or by the platform with its instance).</summary>
    /// <param name="thingId">The thing id.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The deleted thing.</returns>
    /// <exception cref="FakePlatformTimeoutException">It was not deleted in time.</exception>
    public Task<RecordedThing> WaitForThingDeletedAsync(string thingId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        return WaitAsync(
            () => State.Thing(thingId) is { IsDeleted: true } thing ? thing : null,
            $"{thingId} to be deleted",
            () => State.Thing(thingId) is null ? $"{thingId} was never created" : "it still exists",
            timeout,
            cancellationToken);
    }

    /// <summary>Waits until the connector updates an action request (optionally to a given status) through the platform API.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="status">The status expected, or <see langword="null"/> for any update.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The update.</returns>
    /// <exception cref="FakePlatformTimeoutException">No such update arrived in time.</exception>
    public Task<RecordedActionUpdate> WaitForActionUpdateAsync(
        string actionRequestId, ActionStatus? status = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        return WaitAsync(
            () => ActionUpdates.FirstOrDefault(update => update.ActionRequestId == actionRequestId && (status is null || update.Status == status)),
            status is null ? $"an update of action request {actionRequestId}" : $"action request {actionRequestId} to be updated to {status}",
            () => $"updates received for it: {Describe(ActionUpdates.Where(update => update.ActionRequestId == actionRequestId).Select(update => update.Status.ToString()))}; its status is {GetActionRequest(actionRequestId)?.Status.ToString() ?? "unknown (never sent)"}",
            timeout,
            cancellationToken);
    }

    /// <summary>
    /// Waits until an instance has the given state: from the connector's answer (201 COMPLETE, 202 ONGOING, …) or from
    /// what it reported through the instance state API.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="state">The state expected.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The instance then.</returns>
    /// <exception cref="FakePlatformTimeoutException">The state was not reached in time.</exception>
    public Task<FakeInstance> WaitForInstanceStateAsync(string instanceId, LifecycleState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return WaitAsync(
            () => State.Instance(instanceId) is { } instance && instance.State == state ? instance : null,
            $"instance {instanceId} to be {state}",
            () => State.Instance(instanceId) is { } instance ? $"it is {instance.State}" : $"the platform never sent instance {instanceId}",
            timeout,
            cancellationToken);
    }

    /// <summary>
    /// Waits until an installation has the given state: from the connector's answer or from what it reported through
    /// the installation state API (for example after a consent page).
    /// </summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="state">The state expected.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The installation then.</returns>
    /// <exception cref="FakePlatformTimeoutException">The state was not reached in time.</exception>
    public Task<FakeInstallation> WaitForInstallationStateAsync(string installationId, LifecycleState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        return WaitAsync(
            () => State.Installation(installationId) is { } installation && installation.State == state ? installation : null,
            $"installation {installationId} to be {state}",
            () => State.Installation(installationId) is { } installation ? $"it is {installation.State}" : $"the platform never sent installation {installationId}",
            timeout,
            cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; it is checked now and after every change the platform records.</summary>
    /// <param name="condition">The condition, given this platform.</param>
    /// <param name="description">What is expected, for the exception's message.</param>
    /// <param name="timeout">How long to wait at most; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <exception cref="FakePlatformTimeoutException">It did not hold in time.</exception>
    public Task WaitUntilAsync(Func<FakeConnctdPlatform, bool> condition, string description, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(description);
        return WaitAsync(
            () => condition(this) ? this : null,
            description,
            () => $"it did not hold (last requests: {Describe(Requests.TakeLast(5).Select(request => request.ToString()))})",
            timeout,
            cancellationToken);
    }

    /// <summary>Stops the platform API and releases the key pair and the senders it created.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ConnectorUnderTest[] connectors;
        lock (_connectorsGate)
        {
            connectors = [.. _connectors];
            _connectors.Clear();
        }

        foreach (ConnectorUnderTest connector in connectors)
        {
            connector.Dispose();
        }

        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        Log.Stopped(Logger, PlatformUrl);
        Signer.Dispose();
        WrongSigner.Dispose();
    }

    private static Uri CallbackBase(Uri baseUrl, string callbackPath)
    {
        string path = callbackPath.Trim('/');
        return new Uri(baseUrl, path.Length == 0 ? "/" : "/" + path + "/");
    }

    private static string Describe(IEnumerable<string> items)
    {
        string[] list = items.ToArray();
        return list.Length == 0 ? "none" : string.Join(", ", list.Length > 10 ? list[^10..] : list);
    }

    private ConnectorUnderTest Track(ConnectorUnderTest connector)
    {
        lock (_connectorsGate)
        {
            _connectors.Add(connector);
        }

        return connector;
    }

    private async Task<T> WaitAsync<T>(Func<T?> probe, string expected, Func<string> observed, TimeSpan? timeout, CancellationToken cancellationToken)
        where T : class
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        using var timeoutSource = new CancellationTokenSource(limit, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        while (true)
        {
            Task changed = State.Changed;
            if (probe() is { } result)
            {
                return result;
            }

            try
            {
                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                if (probe() is { } last)
                {
                    return last;
                }

                throw new FakePlatformTimeoutException(expected, observed(), limit);
            }
        }
    }
}
