using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>
/// The host stops while deliveries are in flight: they finish within the drain timeout (or are cancelled after it), the
/// rest stays queued and the next start delivers it. Leases are long here (two minutes), so a message that was not
/// handed back at shutdown would not be delivered within the test's waits.
/// </summary>
public abstract class OutboxShutdownTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task Stop_WhileDeliveriesAreInFlight_TheyFinishAndTheRestIsDeliveredOnceAfterTheNextStart()
    {
        var probe = new InFlightProbe();
        Action<Dictionary<string, string?>> settings = values =>
        {
            values["Connctd:Outbox:MaxConcurrentDeliveries"] = "2";
            values["Connctd:Outbox:LeaseDuration"] = "00:02:00";
            values["Connctd:Outbox:DrainTimeout"] = "00:00:30";
            values["Connctd:Resilience:AttemptTimeout"] = "00:00:20";
            values["Connctd:Resilience:TotalTimeout"] = "00:00:20";
        };
        ConnectorHost host = await StartHostAsync(settings, services => services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(probe.CreateHandler)));
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 6);
        Platform.Faults.AddLatency(TimeSpan.FromSeconds(2), operation: PlatformOperation.UpdateProperty);
        var produced = new ProducedUpdates();
        foreach (ProducedUpdate update in produced.NextRounds(ProducedUpdates.Properties(devices: 1, properties: 6), rounds: 1))
        {
            await ProducedUpdates.QueueAsync(host.Platform, instanceId, update);
        }

        await EventuallyAsync(
            () => Task.FromResult(probe.Started - probe.Finished == 2),
            () => $"two deliveries in flight ({probe.Started} started, {probe.Finished} finished)");
        await host.StopAsync();

        // Every delivery that was in flight finished and was accepted; nothing was started after the stop; the rest
        // waits in the outbox.
        int started = probe.Started;
        Assert.Equal(started, probe.Finished);
        Assert.Equal(started, Platform.PropertyUpdates.Count);
        Assert.InRange(started, 2, 5);
        Assert.Equal(6 - started, (await Store.Open().GetOutboxStatisticsAsync(CancellationToken.None)).Depth);

        await StartHostAsync(settings);
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();
        Assert.Equal(6, AssertDeliveredInOrder(instanceId, produced));
    }

    [Fact]
    public async Task Stop_DeliveryOutlastsTheDrainTimeout_ItIsCancelledAndDeliveredOnceAfterTheNextStart()
    {
        var probe = new InFlightProbe();
        Action<Dictionary<string, string?>> settings = values =>
        {
            values["Connctd:Outbox:LeaseDuration"] = "00:02:00";
            values["Connctd:Outbox:DrainTimeout"] = "00:00:00.500";
            values["Connctd:Resilience:AttemptTimeout"] = "00:01:00";
            values["Connctd:Resilience:TotalTimeout"] = "00:01:00";
        };
        ConnectorHost host = await StartHostAsync(settings, services => services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(probe.CreateHandler)));
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 1);
        Platform.Faults.AddLatency(TimeSpan.FromMinutes(5), operation: PlatformOperation.UpdateProperty);
        var produced = new ProducedUpdates();
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(ProducedUpdates.Properties(devices: 1, properties: 1)[0]));

        await EventuallyAsync(() => Task.FromResult(probe.Started == 1), () => "a delivery in flight");
        await host.StopAsync();

        Assert.Equal(1, probe.Finished);
        Assert.Empty(Platform.PropertyUpdates);
        IConnectorStore store = Store.Open();
        Assert.Equal(1, (await store.GetOutboxStatisticsAsync(CancellationToken.None)).Depth);
        Assert.Empty(await store.ListDeadLettersAsync(10, CancellationToken.None));

        Platform.Faults.Clear();
        await StartHostAsync(settings);
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();
        Assert.Equal(1, AssertDeliveredInOrder(instanceId, produced));
    }
}

public sealed class SqliteOutboxShutdownTests() : OutboxShutdownTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxShutdownTests() : OutboxShutdownTests(StoreKind.PostgreSql);
