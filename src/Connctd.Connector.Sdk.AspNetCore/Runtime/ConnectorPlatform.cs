using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Outbox;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// The <see cref="IConnectorPlatform"/> of the runtime: resolves things and queues every call in the durable outbox,
/// returning once it is stored; the outbox worker delivers it with the stored token.
/// </summary>
internal sealed class ConnectorPlatform(
    IConnectorStore store,
    ConnectorOutbox outbox,
    ConfigurationProtector configuration,
    IServiceProvider services,
    TimeProvider timeProvider) : IConnectorPlatform
{
    public async Task UpdatePropertyAsync(ThingReference thing, string componentId, string propertyId, string value, DateTimeOffset? observedAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(componentId);
        ArgumentException.ThrowIfNullOrEmpty(propertyId);
        ArgumentNullException.ThrowIfNull(value);
        ThingMapping mapping = await FindAsync(thing, cancellationToken).ConfigureAwait(false);
        DateTimeOffset at = observedAt ?? timeProvider.GetUtcNow();

        // The last value is kept for the thing re-sync (a re-created thing starts with it). Both writes are queued at once,
        // so they share the store's group commit: the update costs no extra flush.
        Task queued = outbox.UpdatePropertyAsync(mapping.InstanceId, mapping.ThingId!, componentId, propertyId, value, at, cancellationToken);
        Task kept = store.RecordPropertyValueAsync(new ReportedPropertyValue(mapping.InstanceId, mapping.ExternalId, componentId, propertyId, value, at), cancellationToken);
        try
        {
            await queued.ConfigureAwait(false);
        }
        finally
        {
            await KeepQuietlyAsync(kept).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the last-value write; its failure (the instance removed meanwhile) never fails the update.</summary>
    private static async Task KeepQuietlyAsync(Task kept)
    {
        try
        {
            await kept.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // The instance is gone (its values with it) or the caller gave up: nothing to keep.
        }
    }

    public async Task UpdateThingStatusAsync(ThingReference thing, ThingStatus status, CancellationToken cancellationToken = default)
    {
        if (status == ThingStatus.Unknown)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Report AVAILABLE or UNAVAILABLE.");
        }

        ThingMapping mapping = await FindAsync(thing, cancellationToken).ConfigureAwait(false);
        await outbox.UpdateThingStatusAsync(mapping.InstanceId, mapping.ThingId!, status, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteThingAsync(ThingReference thing, CancellationToken cancellationToken = default)
    {
        ThingMapping mapping = await FindAsync(thing, cancellationToken).ConfigureAwait(false);
        await outbox.DeleteThingAsync(mapping.InstanceId, mapping.ThingId!, cancellationToken).ConfigureAwait(false);
        await store.DeleteThingAsync(mapping.InstanceId, mapping.ExternalId, CancellationToken.None).ConfigureAwait(false);
    }

    public Task CompleteActionAsync(string actionRequestId, CancellationToken cancellationToken = default) =>
        FinishActionAsync(actionRequestId, ActionStatus.Completed, null, cancellationToken);

    public Task FailActionAsync(string actionRequestId, string errorMessage, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorMessage);
        return FinishActionAsync(actionRequestId, ActionStatus.Failed, errorMessage, cancellationToken);
    }

    public async Task ReportInstallationStateAsync(string installationId, LifecycleState state, JsonElement? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        EnsureReportable(state);
        _ = await store.GetInstallationAsync(installationId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException("installation", installationId);
        await store.UpdateInstallationStateAsync(installationId, state, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await outbox.UpdateInstallationStateAsync(installationId, state, details, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReportInstanceStateAsync(string instanceId, LifecycleState state, JsonElement? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        EnsureReportable(state);
        InstanceRecord instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException("instance", instanceId);
        if (state == LifecycleState.Complete && instance.ThingCreation != ThingCreationStatus.Completed)
        {
            await services.GetRequiredService<InstanceCompletion>().CompleteAsync(instanceId, details, cancellationToken).ConfigureAwait(false);
            return;
        }

        await store.UpdateInstanceStateAsync(instanceId, state, instance.ThingCreation, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await outbox.UpdateInstanceStateAsync(instanceId, state, details, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Installation>> GetInstallationsAsync(CancellationToken cancellationToken = default) =>
        (await store.ListInstallationsAsync(cancellationToken).ConfigureAwait(false)).Select(record => record.ToInstallation(configuration)).ToArray();

    public async Task<IReadOnlyList<Instance>> GetInstancesAsync(string? installationId = null, CancellationToken cancellationToken = default) =>
        (await store.ListInstancesAsync(installationId, cancellationToken).ConfigureAwait(false)).Select(record => record.ToInstance(configuration)).ToArray();

    public async Task<IReadOnlyList<(string ExternalId, string ThingId)>> GetThingsAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await store.ListThingsAsync(instanceId, cancellationToken).ConfigureAwait(false))
            .Where(mapping => mapping.State == ThingMappingState.Created && mapping.ThingId is not null)
            .Select(mapping => (mapping.ExternalId, mapping.ThingId!))
            .ToArray();

    private async Task FinishActionAsync(string actionRequestId, ActionStatus status, string? errorMessage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        ActionRecord action = await store.GetActionAsync(actionRequestId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException("action request", actionRequestId);
        await store.UpdateActionAsync(actionRequestId, status, errorMessage, action.ResponseStatusCode, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await outbox.UpdateActionRequestAsync(action.InstanceId, actionRequestId, status, errorMessage, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ThingMapping> FindAsync(ThingReference thing, CancellationToken cancellationToken)
    {
        ThingMapping? mapping = thing.ThingId is not null
            ? await store.FindThingAsync(thing.ThingId, cancellationToken).ConfigureAwait(false)
            : thing.InstanceId is not null && thing.ExternalId is not null
                ? await store.FindThingByExternalIdAsync(thing.InstanceId, thing.ExternalId, cancellationToken).ConfigureAwait(false)
                : null;
        return mapping is { State: ThingMappingState.Created, ThingId: not null } ? mapping : throw new ThingNotFoundException(thing);
    }

    private static void EnsureReportable(LifecycleState state)
    {
        if (state is not (LifecycleState.Complete or LifecycleState.Ongoing or LifecycleState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A connector may only report COMPLETE, ONGOING or FAILED.");
        }
    }
}
