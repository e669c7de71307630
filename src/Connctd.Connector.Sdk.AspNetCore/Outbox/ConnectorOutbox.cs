using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

/// <summary>
/// Queues platform calls durably. Each call returns once the message is in the store; <see cref="OutboxDeliveryWorker"/>
/// (or, without background delivery, <see cref="OutboxDrainer"/>) delivers it. Ordering and coalescing keys: a property's values go in order and a newer queued value supersedes an
/// older one; a thing's status likewise; action results and state reports are never coalesced.
/// </summary>
internal sealed class ConnectorOutbox(
    IConnectorStore store,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    TimeProvider timeProvider,
    ConnctdMetrics metrics) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Completes when a message was queued in this process (or after the timeout).</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _signal.Dispose();

    public Task UpdatePropertyAsync(string instanceId, string thingId, string componentId, string propertyId, string value, DateTimeOffset lastUpdate, CancellationToken cancellationToken)
    {
        string key = $"property:{thingId}/{componentId}/{propertyId}";
        return EnqueueAsync(OutboxOperation.UpdatePropertyValue, instanceId, key, key,
            new PropertyPayload(thingId, componentId, propertyId, value, lastUpdate), OutboxJsonContext.Default.PropertyPayload, cancellationToken);
    }

    public Task UpdateThingStatusAsync(string instanceId, string thingId, ThingStatus status, CancellationToken cancellationToken)
    {
        string key = $"status:{thingId}";
        return EnqueueAsync(OutboxOperation.UpdateThingStatus, instanceId, key, key,
            new ThingStatusPayload(thingId, status), OutboxJsonContext.Default.ThingStatusPayload, cancellationToken);
    }

    public Task DeleteThingAsync(string instanceId, string thingId, CancellationToken cancellationToken) =>
        EnqueueAsync(OutboxOperation.DeleteThing, instanceId, $"thing:{thingId}", null,
            new DeleteThingPayload(thingId), OutboxJsonContext.Default.DeleteThingPayload, cancellationToken);

    public Task UpdateActionRequestAsync(string instanceId, string actionRequestId, ActionStatus status, string? error, CancellationToken cancellationToken) =>
        EnqueueAsync(OutboxOperation.UpdateActionRequest, instanceId, $"action:{actionRequestId}", null,
            new ActionResultPayload(actionRequestId, status, error), OutboxJsonContext.Default.ActionResultPayload, cancellationToken);

    public Task UpdateInstallationStateAsync(string installationId, LifecycleState state, JsonElement? details, CancellationToken cancellationToken) =>
        EnqueueAsync(OutboxOperation.UpdateInstallationState, installationId, $"installation:{installationId}", null,
            new StatePayload(state, details), OutboxJsonContext.Default.StatePayload, cancellationToken);

    public Task UpdateInstanceStateAsync(string instanceId, LifecycleState state, JsonElement? details, CancellationToken cancellationToken) =>
        EnqueueAsync(OutboxOperation.UpdateInstanceState, instanceId, $"instance:{instanceId}", null,
            new StatePayload(state, details), OutboxJsonContext.Default.StatePayload, cancellationToken);

    private async Task EnqueueAsync<T>(
        OutboxOperation operation, string targetId, string orderingKey, string? coalescingKey, T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        DateTimeOffset now = timeProvider.GetUtcNow();
        var message = new OutboxMessage(0, operation, targetId, orderingKey, coalescingKey, JsonSerializer.Serialize(payload, typeInfo), now, 0, now, null);
        OutboxEnqueueResult result = await store.EnqueueAsync(message, options.CurrentValue.Outbox.Capacity, cancellationToken).ConfigureAwait(false);
        metrics.OutboxEnqueued(operation, result);
        if (result == OutboxEnqueueResult.Full)
        {
            throw new OutboxFullException($"The outbox holds {options.CurrentValue.Outbox.Capacity} messages already; the {operation} was not queued.");
        }

        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent caller.
            }
        }
    }
}
