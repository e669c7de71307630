using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The connector's handle on the platform, for use inside hooks and anywhere else (a device event, a polling
/// loop). Every call that changes something on the platform is <b>queued durably</b> in the store's outbox and returns
/// once it is stored; the outbox worker delivers it with the stored token of the installation or instance, retrying
/// while the platform is down. So these calls never fail because the platform is unreachable, and a platform's
/// refusal shows later as a dead letter (logs, metrics, health), not as an exception here.
/// Inject it from the service provider; it is a singleton and safe for concurrent use.
/// </summary>
/// <remarks>
/// <para>The queueing calls fail only for what is known at once, always as a <see cref="ConnectorPlatformException"/>:
/// <see cref="ThingNotFoundException"/> for a thing this connector does not own (never created, deleted, or its
/// instance removed — also while a hook runs, when the platform removes the instance),
/// <see cref="RecordNotFoundException"/> for an unknown action request, installation or instance, and
/// <see cref="OutboxFullException"/> when the outbox holds <c>Connctd:Outbox:Capacity</c> messages. Besides these:
/// <see cref="ArgumentException"/> for invalid arguments and <see cref="OperationCanceledException"/>; a store that
/// cannot be reached throws its own exception (SQLite's or Npgsql's).</para>
/// <para>A returned task means stored, not delivered: what the platform later answers shows in the outbox's logs,
/// metrics and health check.</para>
/// </remarks>
public interface IConnectorPlatform
{
    /// <summary>Sends a new value of a property.</summary>
    /// <param name="thing">The thing.</param>
    /// <param name="componentId">The component.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="value">The value as a string (numbers with invariant culture, booleans as <c>true</c>/<c>false</c>).</param>
    /// <param name="observedAt">When the device measured the value; the current time when null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the value is durably queued for delivery.</returns>
    /// <exception cref="ThingNotFoundException">The thing is not known to this connector.</exception>
    /// <exception cref="OutboxFullException">The outbox is full and holds no queued value of this property.</exception>
    Task UpdatePropertyAsync(ThingReference thing, string componentId, string propertyId, string value, DateTimeOffset? observedAt = null, CancellationToken cancellationToken = default);

    /// <summary>Sends whether a thing can be reached.</summary>
    /// <param name="thing">The thing.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the status is durably queued for delivery.</returns>
    /// <exception cref="ThingNotFoundException">The thing is not known to this connector.</exception>
    /// <exception cref="OutboxFullException">The outbox is full and holds no queued status of this thing.</exception>
    Task UpdateThingStatusAsync(ThingReference thing, ThingStatus status, CancellationToken cancellationToken = default);

    /// <summary>Deletes a thing on the platform and forgets it.</summary>
    /// <param name="thing">The thing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the deletion is durably queued and the thing forgotten by the connector.</returns>
    /// <exception cref="ThingNotFoundException">The thing is not known.</exception>
    Task DeleteThingAsync(ThingReference thing, CancellationToken cancellationToken = default);

    /// <summary>Completes an action that was answered with <see cref="ActionOutcome.Pending"/>.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the result is recorded and durably queued for delivery.</returns>
    /// <exception cref="RecordNotFoundException">The action request is not known.</exception>
    Task CompleteActionAsync(string actionRequestId, CancellationToken cancellationToken = default);

    /// <summary>Fails an action that was answered with <see cref="ActionOutcome.Pending"/>.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="errorMessage">Why it failed; required.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the result is recorded and durably queued for delivery.</returns>
    /// <exception cref="RecordNotFoundException">The action request is not known.</exception>
    Task FailActionAsync(string actionRequestId, string errorMessage, CancellationToken cancellationToken = default);

    /// <summary>Reports the state of an installation that was answered with <see cref="SetupOutcome.Ongoing"/>.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="state"><see cref="LifecycleState.Complete"/>, <see cref="LifecycleState.Ongoing"/> or <see cref="LifecycleState.Failed"/>.</param>
    /// <param name="details">Optional JSON details.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the state is recorded and durably queued for delivery.</returns>
    /// <exception cref="RecordNotFoundException">The installation is not known.</exception>
    Task ReportInstallationStateAsync(string installationId, LifecycleState state, JsonElement? details = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports the state of an instance that was answered with <see cref="SetupOutcome.Ongoing"/>. Reporting
    /// <see cref="LifecycleState.Complete"/> first creates the instance's things (see <see cref="Connector.GetThingsAsync"/>)
    /// and reports <see cref="LifecycleState.Failed"/> instead if that fails.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="state"><see cref="LifecycleState.Complete"/>, <see cref="LifecycleState.Ongoing"/> or <see cref="LifecycleState.Failed"/>.</param>
    /// <param name="details">Optional JSON details.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the state is recorded and durably queued for delivery.</returns>
    /// <exception cref="RecordNotFoundException">The instance is not known.</exception>
    Task ReportInstanceStateAsync(string instanceId, LifecycleState state, JsonElement? details = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the connector's installations.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The installations.</returns>
    Task<IReadOnlyList<Installation>> GetInstallationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns the instances of an installation, or all instances.</summary>
    /// <param name="installationId">The installation id, or null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The instances.</returns>
    Task<IReadOnlyList<Instance>> GetInstancesAsync(string? installationId = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the things of an instance that exist on the platform, as (external id, thing id) pairs.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The things, ordered by external id.</returns>
    Task<IReadOnlyList<(string ExternalId, string ThingId)>> GetThingsAsync(string instanceId, CancellationToken cancellationToken = default);
}
