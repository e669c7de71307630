using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// Where a connector keeps its installations, instances, tokens, thing mappings, action requests and the outbox of
/// platform calls (<see cref="IOutboxStore"/>).
/// The runtime is the only caller; it encrypts tokens before they arrive here. Implementations must be
/// safe for concurrent use by several requests and, for shared databases, by several processes.
/// </summary>
public interface IConnectorStore : IOutboxStore, IReplayCacheStore, IUpgradeStore, IPropertyValueStore
{
    /// <summary>Creates or upgrades the schema. Idempotent; called once at start-up.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Checks that the store can be reached (for health checks).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store answered; it throws when the store cannot be reached.</returns>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Returns an installation, or null if it is not known.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The installation or null.</returns>
    Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken);

    /// <summary>Returns every installation.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The installations, ordered by id.</returns>
    Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts an installation, or replaces the one with the same id (token, configuration, state, updated time; the creation time stays).</summary>
    /// <param name="installation">The installation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the installation is stored durably.</returns>
    Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken);

    /// <summary>Changes the state of an installation.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="state">The new state.</param>
    /// <param name="updatedAt">The time of the change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the installation is not known.</returns>
    Task<bool> UpdateInstallationStateAsync(string installationId, LifecycleState state, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>Deletes an installation with its instances, their thing mappings and action records.</summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the installation was not known.</returns>
    Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken);

    /// <summary>Returns an instance, or null if it is not known.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The instance or null.</returns>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Returns the instances of one installation, or of all installations.</summary>
    /// <param name="installationId">The installation id, or null for every instance.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The instances, ordered by id.</returns>
    Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken);

    /// <summary>Returns the instances whose thing creation has the given status (used to resume creation after a restart).</summary>
    /// <param name="status">The status to look for.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The instances, ordered by id.</returns>
    Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(ThingCreationStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts an instance, or replaces the one with the same id (token, configuration, state, thing creation,
    /// updated time; the creation time stays). The instance's installation must exist.
    /// </summary>
    /// <param name="instance">The instance.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the instance is stored durably.</returns>
    /// <exception cref="InvalidOperationException">The installation is not known.</exception>
    Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken);

    /// <summary>Changes the state and thing-creation status of an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="state">The new state.</param>
    /// <param name="thingCreation">The new thing-creation status.</param>
    /// <param name="updatedAt">The time of the change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the instance is not known.</returns>
    Task<bool> UpdateInstanceStateAsync(string instanceId, LifecycleState state, ThingCreationStatus thingCreation, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>Deletes an instance with its thing mappings and action records.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the instance was not known.</returns>
    Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Finds the thing with a platform thing id (an indexed lookup).</summary>
    /// <param name="thingId">The platform's thing id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mapping, or null if no instance of this connector owns the thing.</returns>
    Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken);

    /// <summary>Finds the thing with a platform thing id together with its instance, in one read (the action path).</summary>
    /// <param name="thingId">The platform's thing id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mapping and its instance, or null if no instance of this connector owns the thing.</returns>
    Task<(ThingMapping Thing, InstanceRecord Instance)?> FindThingWithInstanceAsync(string thingId, CancellationToken cancellationToken);

    /// <summary>Finds the thing of an instance by the connector's external id (an indexed lookup).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="externalId">The connector's own id of the thing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mapping or null.</returns>
    Task<ThingMapping?> FindThingByExternalIdAsync(string instanceId, string externalId, CancellationToken cancellationToken);

    /// <summary>Returns the things of an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mappings, ordered by external id.</returns>
    Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the creation of a thing: inserts a <see cref="ThingMappingState.Creating"/> mapping unless one for the
    /// instance and external id exists. Atomic: of several concurrent callers exactly one gets <c>Claimed = true</c>.
    /// </summary>
    /// <param name="instanceId">The instance id; the instance must exist.</param>
    /// <param name="externalId">The connector's own id of the thing.</param>
    /// <param name="claimedAt">The time of the claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mapping now stored, and whether this call inserted it.</returns>
    Task<(ThingMapping Mapping, bool Claimed)> ClaimThingCreationAsync(string instanceId, string externalId, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>Records the platform's thing id for a claimed thing (state becomes <see cref="ThingMappingState.Created"/>).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="externalId">The connector's own id of the thing.</param>
    /// <param name="thingId">The id the platform assigned.</param>
    /// <param name="createdAt">The time of creation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the mapping is stored durably.</returns>
    Task CompleteThingCreationAsync(string instanceId, string externalId, string thingId, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Records the hash of the template a created thing was made from (see <see cref="ThingMapping.TemplateHash"/>).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="externalId">The connector's own id of the thing.</param>
    /// <param name="templateHash">The hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if there is no such mapping.</returns>
    Task<bool> UpdateThingTemplateHashAsync(string instanceId, string externalId, string templateHash, CancellationToken cancellationToken);

    /// <summary>Removes a thing mapping: a claim the platform definitely refused, or a thing that was deleted.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="externalId">The connector's own id of the thing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if there was no such mapping.</returns>
    Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a new action request unless one with the same id exists. Atomic: of several concurrent callers
    /// with the same id exactly one gets null back and runs the action.
    /// </summary>
    /// <remarks>
    /// The record must survive the end of the process once this completes; it may complete before the record is
    /// flushed to stable storage, provided the next <see cref="UpdateActionAsync"/> flushes it (the runtime records
    /// the outcome before it answers the callback).
    /// </remarks>
    /// <param name="action">The action request, normally with status <see cref="ActionStatus.Pending"/> and response status 0.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Null if this call recorded it; otherwise the record stored earlier.</returns>
    Task<ActionRecord?> TryBeginActionAsync(ActionRecord action, CancellationToken cancellationToken);

    /// <summary>Records the outcome of an action request.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="status">The action's status.</param>
    /// <param name="errorMessage">Why it failed, or null.</param>
    /// <param name="responseStatusCode">The HTTP status the callback answered, or the current one when the result is reported later.</param>
    /// <param name="updatedAt">The time of the change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the action request is not known.</returns>
    Task<bool> UpdateActionAsync(string actionRequestId, ActionStatus status, string? errorMessage, int responseStatusCode, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of an action request only if none is recorded yet (its response status is still 0): of a
    /// late outcome and a declaration that the action was abandoned, exactly one wins.
    /// </summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="status">The action's status.</param>
    /// <param name="errorMessage">Why it failed, or null.</param>
    /// <param name="responseStatusCode">The HTTP status to answer repeats with; not 0.</param>
    /// <param name="updatedAt">The time of the change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False if the action request is not known or has an outcome already.</returns>
    Task<bool> TryFinishUnfinishedActionAsync(string actionRequestId, ActionStatus status, string? errorMessage, int responseStatusCode, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>Returns an action request, or null if it is not known.</summary>
    /// <param name="actionRequestId">The action request id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record or null.</returns>
    Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken);

    /// <summary>Deletes action records last updated before a time (housekeeping).</summary>
    /// <param name="olderThan">Records updated before this time are deleted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
