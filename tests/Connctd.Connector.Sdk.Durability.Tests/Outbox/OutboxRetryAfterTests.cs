using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.Durability.Tests.Outbox;

/// <summary>The platform answers 429 with <c>Retry-After</c>: the next attempt waits at least that long.</summary>
public abstract class OutboxRetryAfterTests(StoreKind kind) : DurabilityTestBase(kind)
{
    /// <summary>Without client retries the outbox schedules the next attempt; with them the platform client waits itself.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Deliver_PlatformAnswers429WithRetryAfter_NextAttemptNoEarlierThanAsked(int clientRetries)
    {
        ConnectorHost host = await StartHostAsync(settings =>
        {
            settings["Connctd:Resilience:MaxRetries"] = clientRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Connctd:Resilience:RetryDelay"] = "00:00:00.050";
        });
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 1);
        Platform.Faults.RateLimitNext(1, TimeSpan.FromSeconds(1), PlatformOperation.UpdateProperty);
        var produced = new ProducedUpdates();

        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0))));
        await WaitForLastValuesAsync(instanceId, produced);

        RecordedRequest[] calls = Platform.Requests.Where(request => request.Operation == PlatformOperation.UpdateProperty).ToArray();
        Assert.Equal([429, 204], calls.Select(call => call.StatusCode));
        // A lower bound only; 20 ms allow for the wall clock and the timer clock ticking at different resolutions.
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), $"the retry came {(calls[1].ReceivedAt - calls[0].ReceivedAt).TotalMilliseconds} ms after the 429");
    }
}

public sealed class SqliteOutboxRetryAfterTests() : OutboxRetryAfterTests(StoreKind.Sqlite);

public sealed class PostgreSqlOutboxRetryAfterTests() : OutboxRetryAfterTests(StoreKind.PostgreSql);
