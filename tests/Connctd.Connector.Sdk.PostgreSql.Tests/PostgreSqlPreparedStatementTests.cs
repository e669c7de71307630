using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary>
/// With prepared statements (<c>Max Auto Prepare</c> in the connection string, as an application may set it), Npgsql
/// keeps the parameter objects of a statement it prepared: the store must never clear and replace the parameters of a
/// command it runs again, or a later call sends the values of an earlier one.
/// </summary>
public sealed class PostgreSqlPreparedStatementTests : StoreTestBase
{
    [Fact]
    public async Task EnqueueAsync_PreparedStatementsWithValuesOfChangingKinds_StoresEachMessageAsGiven()
    {
        PostgreSqlConnectorStore store = CreateStore(configure: options =>
            options.ConnectionString += ";Max Auto Prepare=32;Auto Prepare Min Usages=2");
        await store.InitializeAsync(Ct);
        var sent = new List<OutboxMessage>();

        // A coalescing key and a last error that are text in some messages and null in others: the same parameters of
        // the insert take text in one call and null in the next.
        for (var i = 0; i < 40; i++)
        {
            string? coalescingKey = i % 3 == 0 ? null : $"property:thing-{i}/c/p";
            string? lastError = i % 2 == 0 ? null : $"error {i}";
            var message = new OutboxMessage(0, OutboxOperation.UpdatePropertyValue, "i1", $"order-{i}", coalescingKey, $"{{\"n\":{i}}}", T0, i, T0, lastError);
            Assert.Equal(OutboxEnqueueResult.Enqueued, await store.EnqueueAsync(message, capacity: 1_000, Ct));
            sent.Add(message);
        }

        List<object?> stored = await QueryAsync(
            "SELECT ordering_key || '|' || COALESCE(coalescing_key, '-') || '|' || payload || '|' || attempts || '|' || COALESCE(last_error, '-') FROM {schema}.outbox ORDER BY id;");
        Assert.Equal(
            sent.Select(message => $"{message.OrderingKey}|{message.CoalescingKey ?? "-"}|{message.Payload}|{message.Attempts}|{message.LastError ?? "-"}"),
            stored.Cast<string>());
    }
}
