using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>The store refuses writes for a moment (a lock held elsewhere, a database hiccup) while deliveries go on.</summary>
public abstract class OutboxStoreFailureTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task Deliver_StoreBusyWhenTheDeliveryIsRecorded_WorkerGoesOnAndDeliversEachValueOnce()
    {
        var probe = new InFlightProbe();
        ConnectorHost host = await StartHostAsync(
            settings =>
            {
                foreach ((string key, string? value) in Store.ShortStoreTimeouts())
                {
                    settings[key] = value;
                }
            },
            services => services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(probe.CreateHandler)));
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 1);
        var property = new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0));
        var produced = new ProducedUpdates();

        // The value is delivered while nothing can be written to the outbox, so its completion cannot be recorded at once.
        TaskCompletionSource hold = probe.HoldNext();
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(property));
        await EventuallyAsync(() => Task.FromResult(probe.Started == 1), () => "the value in delivery");
        await using (await Store.BlockOutboxWritesAsync())
        {
            hold.SetResult();
            await Platform.WaitForPropertyAsync(ThingIds(Platform, instanceId)[property.ExternalId], DeviceConnector.Component, property.PropertyId, "v0");
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }

        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(property));
        await WaitForLastValuesAsync(instanceId, produced);
        await WaitForEmptyOutboxAsync();

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(2, AssertDeliveredInOrder(instanceId, produced));
    }
}

public sealed class SqliteOutboxStoreFailureTests() : OutboxStoreFailureTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxStoreFailureTests() : OutboxStoreFailureTests(StoreKind.PostgreSql);
