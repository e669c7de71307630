using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The connector's handle on the platform, for use inside hooks and anywhere else (a device event, a polling
/// loop): it looks up the stored token of the installation or instance and calls the platform API.
/// Inject it from the service provider; it is a singleton and safe for concurrent use.
/// </summary>
public interface IConnectorPlatform
{
    /// <summary>Sends a new value of a property.</summary>
    /// <param name="thing">The thing.</param>
    /// <param name="componentId">The component.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="value">The value as a string (numbers with invariant culture, booleans as <c>true</c>/<c>false</c>).</param>
    /// <param name="observedAt">When the device measured the value; the current time when null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the platform accepted the value.</returns>
    /// <exception cref="ThingNotFoundException">The thing is not known.</exception>
    Task UpdatePropertyAsync(ThingReference thing, string componentId, string propertyId, string value, DateTimeOffset? observedAt = null, CancellationToken cancellationToken = default);

    /// <summary>Sends whether a thing can be reached.</summary>
    /// <param name="thing">The thing.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the platform accepted the status.</returns>
    /// <exception cref="ThingNotFoundException">The thing is not known.</exception>
    Task UpdateThingStatusAsync(ThingReference thing, ThingStatus status, CancellationToken cancellationToken = default);

    /// <summary>Deletes a thing on the platform and forgets it.</summary>
    /// <param name="thing">The thing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the thing is deleted.</returns>
    /// <exception cref="ThingNotFoundException">The thing is not known.</exception>
    Task DeleteThingAsync(ThingReference thing, CancellationToken cancellationToken = default);

    /// <summary>Completes an action that was answered with <see cref="ActionOutcome.Pending"/>.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the platform accepted the result.</returns>
    /// <exception cref="KeyNotFoundException">The action request is not known.</exception>
    Task CompleteActionAsync(string actionRequestId, CancellationToken cancellationToken = default);

    /// <summary>Fails an action that was answered with <see cref="ActionOutcome.Pending"/>.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="errorMessage">Why it failed; required.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the platform accepted the result.</returns>
    /// <exception cref="KeyNotFoundException">The action request is not known.</exception>
    Task FailActionAsync(string actionRequestId, string errorMessage, CancellationToken cancellationToken = default);

    /// <summary>Reports the state of an installation that was answered with <see cref="SetupOutcome.Ongoing"/>.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="state"><see cref="LifecycleState.Complete"/>, <see cref="LifecycleState.Ongoing"/> or <see cref="LifecycleState.Failed"/>.</param>
    /// <param name="details">Optional JSON details.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the platform accepted the state.</returns>
    /// <exception cref="KeyNotFoundException">The installation is not known.</exception>
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
    /// <returns>A task that completes when the platform accepted the state.</returns>
    /// <exception cref="KeyNotFoundException">The instance is not known.</exception>
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
