using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// The base of every durability suite: a fake platform, the test's store (<see cref="StoreKind"/> picks SQLite or
/// PostgreSQL, so one abstract suite runs against both), hosts and child processes that are cleaned up afterwards, and
/// the checks shared by the suites.
/// </summary>
public abstract class DurabilityTestBase(StoreKind kind) : IAsyncLifetime
{
    /// <summary>The upper bound of every wait. Waits return as soon as their condition holds; this only bounds a failure.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<IAsyncDisposable> _resources = [];

    protected StoreKind Kind => kind;

    protected FakeConnctdPlatform Platform { get; private set; } = null!;

    protected TestStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await FakeConnctdPlatform.StartAsync(new FakeConnctdPlatformOptions { DefaultTimeout = Patience });
        Store = TestStore.Create(kind);
    }

    public async Task DisposeAsync()
    {
        for (int index = _resources.Count - 1; index >= 0; index--)
        {
            await _resources[index].DisposeAsync();
        }

        await Platform.DisposeAsync();
        await Store.DisposeAsync();
    }

    /// <summary>
    /// The connector's configuration: this platform, this store, and small outbox and resilience settings so that the
    /// tests run in seconds. Client-side retries are off: the outbox is the one retry loop under test.
    /// </summary>
    protected Dictionary<string, string?> Settings(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>(Platform.ConnectorSettings)
        {
            ["Connctd:Outbox:RetryDelay"] = "00:00:00.050",
            ["Connctd:Outbox:MaxRetryDelay"] = "00:00:00.500",
            ["Connctd:Outbox:PollInterval"] = "00:00:00.100",
            ["Connctd:Outbox:LeaseDuration"] = "00:00:06",
            ["Connctd:Outbox:DrainTimeout"] = "00:00:10",
            ["Connctd:Resilience:MaxRetries"] = "0",
            ["Connctd:Resilience:AttemptTimeout"] = "00:00:03",
            ["Connctd:Resilience:TotalTimeout"] = "00:00:04",
            ["Connctd:Resilience:CircuitBreakerRecovery"] = "00:00:00.500",
        };
        foreach ((string key, string? value) in Store.Settings())
        {
            settings[key] = value;
        }

        change?.Invoke(settings);
        return settings;
    }

    /// <summary>Starts an in-process host on the test's store (its own content root unless given).</summary>
    protected async Task<ConnectorHost> StartHostAsync(
        Action<Dictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null, string? contentRoot = null)
    {
        ConnectorHost host = await ConnectorHost.StartAsync(contentRoot ?? Store.NewDirectory(), Settings(settings), services);
        _resources.Add(host);
        return host;
    }

    /// <summary>Starts the connector as a child process in <paramref name="workingDirectory"/> on the test's store.</summary>
    protected async Task<ChildConnector> StartChildAsync(string workingDirectory, Action<Dictionary<string, string?>>? settings = null)
    {
        ChildConnector child = await ChildConnector.StartAsync(workingDirectory, Settings(settings));
        _resources.Add(child);
        return child;
    }

    /// <summary>Installs and instantiates through <paramref name="connector"/> and waits for the things; returns the instance id.</summary>
    protected async Task<string> InstantiateAsync(Uri connector, int devices, int properties)
    {
        ConnectorUnderTest sender = Platform.ConnectTo(connector, DurabilityApp.CallbackPath);
        SetupCallbackResponse response = await sender.InstallAndInstantiateAsync(new Dictionary<string, string>
        {
            [DeviceConnector.DevicesParameter] = devices.ToString(CultureInfo.InvariantCulture),
            [DeviceConnector.PropertiesParameter] = properties.ToString(CultureInfo.InvariantCulture),
        });
        Assert.True(response.StatusCode == 201, $"{response} {response.Body}\n{string.Join('\n', Platform.Requests)}");
        await Platform.WaitForThingsAsync(response.Id, devices);
        return response.Id;
    }

    /// <summary>Records the enqueue results of the outbox (<c>connctd.outbox.enqueued</c>) of a host.</summary>
    protected static MetricCollector<long> EnqueuedMetric(ConnectorHost host) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), ConnctdDiagnostics.MeterName, AspNetCore.ConnctdMetricNames.OutboxEnqueued);

    /// <summary>Records the delivery outcomes of the outbox (<c>connctd.outbox.deliveries</c>) of a host.</summary>
    protected static MetricCollector<long> DeliveriesMetric(ConnectorHost host) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), ConnctdDiagnostics.MeterName, AspNetCore.ConnctdMetricNames.OutboxDeliveries);

    /// <summary>The sum of the measurements of <paramref name="collector"/> whose tag <paramref name="tag"/> is <paramref name="value"/> and whose operation is <paramref name="operation"/>.</summary>
    protected static long Sum(MetricCollector<long> collector, string tag, string value, OutboxOperation operation = OutboxOperation.UpdatePropertyValue) =>
        collector.GetMeasurementSnapshot()
            .Where(measurement => Equals(measurement.Tags[ConnctdTagNames.OutboxOperation], operation.ToString()) && Equals(measurement.Tags[tag], value))
            .Sum(measurement => measurement.Value);

    /// <summary>Waits until the platform holds the last produced value of every property.</summary>
    protected Task WaitForLastValuesAsync(string instanceId, ProducedUpdates produced)
    {
        var last = produced.ByProperty.ToDictionary(pair => pair.Key, pair => pair.Value[^1].Value);
        return Platform.WaitUntilAsync(
            platform =>
            {
                var things = ThingIds(platform, instanceId);
                return last.All(pair => things.TryGetValue(pair.Key.ExternalId, out string? thingId)
                    && platform.GetPropertyValue(thingId, DeviceConnector.Component, pair.Key.PropertyId) == pair.Value);
            },
            $"the last value of each of {last.Count} properties");
    }

    /// <summary>Waits until the outbox holds nothing (every message delivered or dead-lettered), so no more calls can come.</summary>
    protected async Task WaitForEmptyOutboxAsync()
    {
        IConnectorStore store = Store.Open();
        OutboxStatistics statistics = await store.GetOutboxStatisticsAsync(CancellationToken.None);
        await EventuallyAsync(
            async () => (statistics = await store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth == 0,
            () => $"an empty outbox (it holds {statistics.Depth})");
    }

    /// <summary>
    /// Checks what the platform received against what was produced, per property: only produced values, in the order
    /// they were produced, none twice (the indices strictly increase), the last one last, each with its device timestamp
    /// as <c>lastUpdate</c>. Returns how many values arrived.
    /// </summary>
    protected int AssertDeliveredInOrder(string instanceId, ProducedUpdates produced)
    {
        Dictionary<string, string> externalIds = ThingIds(Platform, instanceId).ToDictionary(pair => pair.Value, pair => pair.Key);
        var received = Platform.PropertyUpdates
            .Where(update => update.InstanceId == instanceId)
            .GroupBy(update => new PropertyKey(externalIds[update.ThingId], update.PropertyId))
            .ToDictionary(group => group.Key, group => group.ToList());
        var expected = produced.ByProperty;
        Assert.Empty(received.Keys.Except(expected.Keys));
        foreach ((PropertyKey property, IReadOnlyList<ProducedUpdate> values) in expected)
        {
            Assert.True(received.TryGetValue(property, out var arrived), $"nothing arrived for {property}");
            var index = values.Select((update, position) => (update.Value, position)).ToDictionary(pair => pair.Value, pair => pair.position);
            int previous = -1;
            foreach (RecordedPropertyUpdate update in arrived!)
            {
                Assert.True(index.TryGetValue(update.Value, out int position), $"{property} received \"{update.Value}\", which was never produced");
                Assert.True(position > previous, $"{property} received {string.Join(",", arrived.Select(u => u.Value))}: out of order or twice");
                Assert.Equal(values[position].ObservedAt, update.LastUpdate);
                Assert.Equal(DeviceConnector.Component, update.ComponentId);
                previous = position;
            }

            Assert.Equal(values.Count - 1, previous);
        }

        return received.Values.Sum(list => list.Count);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <see cref="Patience"/> (or <paramref name="timeout"/>).</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> description, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? Patience);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {(timeout ?? Patience).TotalSeconds} s waiting for {description()}.");
            }
        }
    }

    /// <summary>Thing ids of an instance by external id (the test connector names each thing by its external id).</summary>
    protected static Dictionary<string, string> ThingIds(FakeConnctdPlatform platform, string instanceId) =>
        platform.GetThings(instanceId).ToDictionary(thing => thing.AsCreated.Name, thing => thing.ThingId);
}
