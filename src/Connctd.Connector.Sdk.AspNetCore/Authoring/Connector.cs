using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The base class of a connector: override the hooks for what your technology needs; everything else
/// (signature checks, persistence, idempotency, thing creation, error answers) is done by the SDK.
/// Register it with <c>services.AddConnctdConnector&lt;TConnector&gt;(…)</c>; it is resolved per callback from a
/// service scope, so it may take scoped and singleton services in its constructor.
/// </summary>
/// <remarks>
/// <para>How outcomes become HTTP answers to the platform:</para>
/// <list type="table">
/// <listheader><term>hook result</term><description>answer</description></listheader>
/// <item><term><see cref="SetupOutcome.Completed"/></term><description><c>201 Created</c> (instantiation: once every thing of <see cref="GetThingsAsync"/> exists; in background mode <c>202</c> and COMPLETE reported later)</description></item>
/// <item><term><see cref="SetupOutcome.Ongoing"/></term><description><c>202 Accepted</c> with <c>details</c> and <c>furtherStep</c></description></item>
/// <item><term><see cref="SetupOutcome.Unauthorized"/> / <see cref="SetupOutcome.Forbidden"/></term><description><c>401</c> / <c>403</c> with the message; nothing is kept</description></item>
/// <item><term><see cref="ActionOutcome.Completed"/></term><description><c>204 No Content</c></description></item>
/// <item><term><see cref="ActionOutcome.Pending"/></term><description><c>202 Accepted</c> <c>{"status":"PENDING"}</c>; finish with <see cref="IConnectorPlatform.CompleteActionAsync"/> or <see cref="IConnectorPlatform.FailActionAsync"/></description></item>
/// <item><term><see cref="ActionOutcome.Failed"/></term><description><c>202 Accepted</c> <c>{"status":"FAILED","error":…}</c></description></item>
/// <item><term><see cref="ActionOutcome.BadRequest"/> / <see cref="ActionOutcome.Forbidden"/></term><description><c>400 BAD_REQUEST_BODY</c> / <c>403 FORBIDDEN</c> with the message</description></item>
/// <item><term>removal hooks returning normally</term><description><c>204 No Content</c></description></item>
/// <item><term>any exception thrown by a hook</term><description><c>500 INTERNAL_SERVER_ERROR</c> with a generic description (the exception is logged, its text is never sent); a removal still removes the stored data</description></item>
/// </list>
/// <para>Every answer of 201, 202 or 204 is stored before it is sent, and repeated callbacks with the same id get the
/// recorded answer without running the hook again (except removals, which are harmless to repeat).</para>
/// </remarks>
public abstract class Connector
{
    /// <summary>
    /// Called when an app installs the connector. Check the configuration here. The installation and its token are
    /// already stored, so background work started here may use <see cref="IConnectorPlatform"/>.
    /// </summary>
    /// <param name="context">The installation, its token and the platform handle.</param>
    /// <param name="cancellationToken">Aborted when the platform disconnects.</param>
    /// <returns>The outcome; the default is <see cref="SetupOutcome.Completed"/>.</returns>
    public virtual ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SetupOutcome.Completed());

    /// <summary>
    /// Called when an app uninstalls the connector, before the installation and its instances are forgotten (the
    /// instances' own removal hooks do not run).
    /// </summary>
    /// <param name="context">The installation being removed and its instances.</param>
    /// <param name="cancellationToken">Aborted when the platform disconnects.</param>
    /// <returns>A task that completes when clean-up is done; the default does nothing.</returns>
    public virtual ValueTask OnUninstallAsync(UninstallationContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Called when an end customer instantiates the connector. Check the customer configuration here. After
    /// <see cref="SetupOutcome.Completed"/> the SDK creates the things of <see cref="GetThingsAsync"/>.
    /// </summary>
    /// <param name="context">The instance, its installation, its token and the platform handle.</param>
    /// <param name="cancellationToken">Aborted when the platform disconnects.</param>
    /// <returns>The outcome; the default is <see cref="SetupOutcome.Completed"/>.</returns>
    public virtual ValueTask<SetupOutcome> OnInstantiateAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SetupOutcome.Completed());

    /// <summary>
    /// Describes the things an instance should have, each keyed by an external id of your choosing. The SDK validates
    /// them, creates the missing ones on the platform and never creates one twice for the same instance and external
    /// id, also across restarts. Must return the same templates for the same instance (it is called again to resume).
    /// </summary>
    /// <param name="context">The instance, its installation, its token and the platform handle.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The thing templates; the default is none.</returns>
    public virtual ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ThingTemplate>>([]);

    /// <summary>Called when an instance is removed, before it is forgotten. The platform deletes its things itself.</summary>
    /// <param name="context">The instance being removed and its installation.</param>
    /// <param name="cancellationToken">Aborted when the platform disconnects.</param>
    /// <returns>A task that completes when clean-up is done; the default does nothing.</returns>
    public virtual ValueTask OnRemoveInstanceAsync(InstanceRemovalContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Called for an action on one of the connector's things. Runs at most once per action request id: a repeated
    /// request gets the recorded answer.
    /// </summary>
    /// <param name="context">The request, the thing and the platform handle.</param>
    /// <param name="cancellationToken">Aborted when the platform disconnects.</param>
    /// <returns>The outcome; the default refuses every action with <see cref="ActionOutcome.BadRequest"/>.</returns>
    public virtual ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(ActionOutcome.BadRequest($"The connector does not support action '{context.ActionId}'."));
    }

    /// <summary>
    /// The connector's version, a positive number raised with every release that needs its upgrade hooks; 0, the
    /// default, turns upgrades off. <c>Connctd:Upgrade:Version</c> overrides it. Each installation and instance records
    /// the version it was created with or last upgraded to; after a deploy of a higher version the SDK runs
    /// <see cref="OnUpgradeAsync(InstallationContext, int, CancellationToken)"/> and
    /// <see cref="OnUpgradeAsync(InstanceContext, int, CancellationToken)"/> once for each, in the background.
    /// </summary>
    public virtual int Version => 0;

    /// <summary>
    /// Called once per installation after a deploy of a higher <see cref="Version"/>, in the background after start
    /// (never blocking callbacks), on one replica, before the upgrades of the installation's instances. Migrate what
    /// the new version needs here (new configuration defaults, upstream API changes). An exception is logged and the
    /// hook is run again later with exponential backoff; the installation's instances wait for it. A replica killed
    /// during the hook lets another run it again, so make it safe to repeat.
    /// </summary>
    /// <param name="context">The installation, its token and the platform handle.</param>
    /// <param name="fromVersion">The version the installation was at (0 when it predates versioning).</param>
    /// <param name="cancellationToken">Aborted when the application stops or the replica loses its lease.</param>
    /// <returns>A task that completes when the installation is upgraded; the default does nothing.</returns>
    public virtual ValueTask OnUpgradeAsync(InstallationContext context, int fromVersion, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Called once per instance after a deploy of a higher <see cref="Version"/>, after its installation's upgrade and
    /// before the thing re-sync (<c>Connctd:ThingSync</c>) compares its things. Same rules as
    /// <see cref="OnUpgradeAsync(InstallationContext, int, CancellationToken)"/>.
    /// </summary>
    /// <param name="context">The instance, its installation, its token and the platform handle.</param>
    /// <param name="fromVersion">The version the instance was at (0 when it predates versioning).</param>
    /// <param name="cancellationToken">Aborted when the application stops or the replica loses its lease.</param>
    /// <returns>A task that completes when the instance is upgraded; the default does nothing.</returns>
    public virtual ValueTask OnUpgradeAsync(InstanceContext context, int fromVersion, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
