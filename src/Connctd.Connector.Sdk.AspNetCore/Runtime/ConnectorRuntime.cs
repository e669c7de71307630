using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Internal;
using Connctd.Connector.Sdk.AspNetCore.Outbox;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.AspNetCore.Upgrade;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Security;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// The protocol side of every callback after its signature was checked and its body parsed: idempotency by id,
/// persistence before the answer, the author's hooks, thing creation, and the mapping of outcomes to answers.
/// </summary>
internal sealed class ConnectorRuntime(
    IConnectorStore store,
    TokenProtector protector,
    ConfigurationProtector configuration,
    ThingCreator thingCreator,
    ThingCreationQueue creationQueue,
    IConnectorPlatform platform,
    ConnectorOutbox outbox,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    ConnectorConfigurationSchema schema,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<ConnectorRuntime> logger)
{
    private const string BackgroundCreationStep = "The connector is creating the things of this instance.";

    // A callback repeated while the first is still running (a platform retry after its timeout) waits for the first,
    // then gets the recorded answer instead of running the hook a second time; across replicas too when the store can.
    private readonly CallbackLocks _locks = new(store);

    // Replays of lifecycle callbacks inside their Date window are refused by what the store remembers.
    private readonly ReplayGuard _replays = new(store, options, timeProvider, logger);

    // The actions whose hooks run in this process, so that a repeat waits for the first and gets its answer.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CallbackResult>> _runningActions = new(StringComparer.Ordinal);

    private static readonly TimeSpan FirstRepeatPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LastRepeatPoll = TimeSpan.FromMilliseconds(500);

    public async Task<CallbackResult> InstallAsync(InstallationRequest request, SignedCallback signed, Connector connector, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Id) || string.IsNullOrWhiteSpace(request.Token))
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "The installation id and token must not be empty.");
        }

        if (Refuse("installation", request.Id, schema.Installation, request.Configuration) is { } refusal)
        {
            return refusal;
        }

        await using ConfiguredAsyncDisposable held = await _locks.AcquireAsync(InstallationKey(request.Id), cancellationToken).ConfigureAwait(false);
        if (await _replays.AdmitAsync(ReplayGuard.InstallationSubject(request.Id), signed, isRemoval: false, alsoRemoved: null, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var token = new InstallationToken(request.Token);
        DateTimeOffset now = timeProvider.GetUtcNow();
        InstallationRecord? existing = await store.GetInstallationAsync(request.Id, cancellationToken).ConfigureAwait(false);
        if (existing is { State: LifecycleState.Complete or LifecycleState.Ongoing })
        {
            await store.SaveInstallationAsync(
                configuration.Protect(existing with { ProtectedToken = protector.Protect(token), UpdatedAt = now }, request.Configuration),
                CancellationToken.None).ConfigureAwait(false);
            return Repeated("installation", request.Id, existing.State, existing.AnswerJson);
        }

        InstallationRecord record = configuration.Protect(
            new InstallationRecord(request.Id, protector.Protect(token), [], LifecycleState.Initialized, existing?.CreatedAt ?? now, now),
            request.Configuration);
        await RecordVersionAsync(UpgradeSubjects.Installation(request.Id), connector, now).ConfigureAwait(false);
        await store.SaveInstallationAsync(record, CancellationToken.None).ConfigureAwait(false);

        SetupOutcome outcome;
        try
        {
            outcome = await connector.OnInstallAsync(record.ToContext(token, platform, configuration), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("OnInstallAsync returned null.");
        }
        catch (Exception exception)
        {
            Log.HookFailed(logger, exception, "installation", request.Id);
            await store.DeleteInstallationAsync(request.Id, CancellationToken.None).ConfigureAwait(false);
            return CallbackResult.InternalError();
        }

        switch (outcome.Kind)
        {
            case SetupOutcomeKind.Completed:
                await store.SaveInstallationAsync(record with { State = LifecycleState.Complete, UpdatedAt = timeProvider.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
                return CallbackResult.Created;
            case SetupOutcomeKind.Ongoing:
                string answer = SerializeAnswer(outcome.FurtherStep, outcome.Details);
                await store.SaveInstallationAsync(record with { State = LifecycleState.Ongoing, AnswerJson = answer, UpdatedAt = timeProvider.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
                return CallbackResult.Accepted(answer);
            default:
                await store.DeleteInstallationAsync(request.Id, CancellationToken.None).ConfigureAwait(false);
                return Refusal(outcome);
        }
    }

    public async Task<CallbackResult> UninstallAsync(string installationId, SignedCallback signed, Connector connector, CancellationToken cancellationToken)
    {
        await using ConfiguredAsyncDisposable held = await _locks.AcquireAsync(InstallationKey(installationId), cancellationToken).ConfigureAwait(false);

        // The instances go with their installation: a replayed instantiation of one of them must be refused too.
        IReadOnlyList<InstanceRecord> instances = await store.ListInstancesAsync(installationId, cancellationToken).ConfigureAwait(false);
        string[] removedInstances = instances.Select(instance => ReplayGuard.InstanceSubject(instance.Id)).ToArray();
        if (await _replays.AdmitAsync(ReplayGuard.InstallationSubject(installationId), signed, isRemoval: true, removedInstances, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        InstallationRecord? existing = await store.GetInstallationAsync(installationId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return CallbackResult.NoContent;
        }

        bool hookFailed = false;
        try
        {
            var context = new UninstallationContext
            {
                Installation = existing.ToInstallation(configuration),
                Instances = instances.Select(instance => instance.ToInstance(configuration)).ToArray(),
            };
            await connector.OnUninstallAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.HookFailed(logger, exception, "uninstallation", installationId);
            hookFailed = true;
        }

        await store.DeleteInstallationAsync(installationId, CancellationToken.None).ConfigureAwait(false);
        await store.DeleteUpgradeAsync(UpgradeSubjects.Installation(installationId), CancellationToken.None).ConfigureAwait(false);
        foreach (InstanceRecord instance in instances)
        {
            await store.DeleteUpgradeAsync(UpgradeSubjects.Instance(instance.Id), CancellationToken.None).ConfigureAwait(false);
        }

        return hookFailed ? CallbackResult.InternalError() : CallbackResult.NoContent;
    }

    public async Task<CallbackResult> InstantiateAsync(InstantiationRequest request, SignedCallback signed, Connector connector, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Id) || string.IsNullOrWhiteSpace(request.InstallationId) || string.IsNullOrWhiteSpace(request.Token))
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "The instance id, installation_id and token must not be empty.");
        }

        // The installation's lock first (as uninstallation takes it), then the instance's: an uninstallation racing this
        // instantiation runs before it (404 here) or after it (and removes the instance with the installation).
        await using ConfiguredAsyncDisposable installationHeld = await _locks.AcquireAsync(InstallationKey(request.InstallationId), cancellationToken).ConfigureAwait(false);
        InstallationRecord? installation = await store.GetInstallationAsync(request.InstallationId, cancellationToken).ConfigureAwait(false);
        if (installation is null)
        {
            return CallbackResult.Error(StatusCodes.Status404NotFound, ErrorCodes.InstallationNotFound, "The installation of this instance is not known to the connector.");
        }

        if (Refuse("instance", request.Id, schema.Instance, request.Configuration) is { } refusal)
        {
            return refusal;
        }

        await using ConfiguredAsyncDisposable held = await _locks.AcquireAsync(InstanceKey(request.Id), cancellationToken).ConfigureAwait(false);
        if (await _replays.AdmitAsync(ReplayGuard.InstanceSubject(request.Id), signed, isRemoval: false, alsoRemoved: null, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var token = new InstanceToken(request.Token);
        DateTimeOffset now = timeProvider.GetUtcNow();
        InstanceRecord? existing = await store.GetInstanceAsync(request.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.InstallationId != request.InstallationId)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "The instance belongs to another installation.");
        }

        // Answered before (complete or ongoing), or things left to create: a repeat. Otherwise (never answered, refused, or
        // reported FAILED by the connector) this is a new attempt and the hook runs again, as for installations.
        if (existing is not null &&
            (existing.State is LifecycleState.Complete or LifecycleState.Ongoing || existing.ThingCreation == ThingCreationStatus.Failed))
        {
            InstanceRecord renewed = configuration.Protect(existing with { ProtectedToken = protector.Protect(token), UpdatedAt = now }, request.Configuration);
            if (existing.ThingCreation == ThingCreationStatus.Failed)
            {
                // The platform retries an instantiation whose things could not all be created: resume, creating only what is missing.
                return await CreateThingsAsync(renewed with { State = LifecycleState.Initialized, ThingCreation = ThingCreationStatus.InProgress }).ConfigureAwait(false);
            }

            await store.SaveInstanceAsync(renewed, CancellationToken.None).ConfigureAwait(false);
            return Repeated("instance", request.Id, existing.State, existing.AnswerJson);
        }

        InstanceRecord record = configuration.Protect(
            new InstanceRecord(
                request.Id, request.InstallationId, protector.Protect(token), [],
                LifecycleState.Initialized, ThingCreationStatus.NotStarted, existing?.CreatedAt ?? now, now),
            request.Configuration);
        await RecordVersionAsync(UpgradeSubjects.Instance(request.Id), connector, now).ConfigureAwait(false);
        await store.SaveInstanceAsync(record, CancellationToken.None).ConfigureAwait(false);

        SetupOutcome outcome;
        try
        {
            InstanceContext context = record.ToContext(installation, token, platform, configuration);
            outcome = await connector.OnInstantiateAsync(context, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("OnInstantiateAsync returned null.");
        }
        catch (Exception exception)
        {
            Log.HookFailed(logger, exception, "instance", request.Id);
            await store.DeleteInstanceAsync(request.Id, CancellationToken.None).ConfigureAwait(false);
            return CallbackResult.InternalError();
        }

        switch (outcome.Kind)
        {
            case SetupOutcomeKind.Completed:
                return await CreateThingsAsync(record with { ThingCreation = ThingCreationStatus.InProgress }).ConfigureAwait(false);
            case SetupOutcomeKind.Ongoing:
                string answer = SerializeAnswer(outcome.FurtherStep, outcome.Details);
                await store.SaveInstanceAsync(record with { State = LifecycleState.Ongoing, AnswerJson = answer, UpdatedAt = timeProvider.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
                return CallbackResult.Accepted(answer);
            default:
                await store.DeleteInstanceAsync(request.Id, CancellationToken.None).ConfigureAwait(false);
                return Refusal(outcome);
        }
    }

    public async Task<CallbackResult> RemoveInstanceAsync(string instanceId, SignedCallback signed, Connector connector, CancellationToken cancellationToken)
    {
        await using ConfiguredAsyncDisposable held = await _locks.AcquireAsync(InstanceKey(instanceId), cancellationToken).ConfigureAwait(false);
        if (await _replays.AdmitAsync(ReplayGuard.InstanceSubject(instanceId), signed, isRemoval: true, alsoRemoved: null, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        InstanceRecord? existing = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        InstallationRecord? installation = existing is null
            ? null
            : await store.GetInstallationAsync(existing.InstallationId, cancellationToken).ConfigureAwait(false);
        if (existing is null || installation is null)
        {
            // Never stored, already removed, or removed with its installation by an uninstallation that ran meanwhile.
            return CallbackResult.NoContent;
        }

        bool hookFailed = false;
        try
        {
            var context = new InstanceRemovalContext { Instance = existing.ToInstance(configuration), Installation = installation.ToInstallation(configuration) };
            await connector.OnRemoveInstanceAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.HookFailed(logger, exception, "instance removal", instanceId);
            hookFailed = true;
        }

        await store.DeleteInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        await store.DeleteUpgradeAsync(UpgradeSubjects.Instance(instanceId), CancellationToken.None).ConfigureAwait(false);
        return hookFailed ? CallbackResult.InternalError() : CallbackResult.NoContent;
    }

    /// <summary>
    /// Records the connector version a new installation or instance starts at, before it is stored: the upgrade runner
    /// of a newer replica never sees it without one, so its hook never runs for what this version set up.
    /// </summary>
    private async Task RecordVersionAsync(string subject, Connector connector, DateTimeOffset now)
    {
        int version = ConnectorUpgrader.VersionOf(options.CurrentValue, connector);
        if (version > 0)
        {
            await store.RecordUpgradeBaselineAsync(subject, version, now, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task<CallbackResult> ActAsync(ActionRequest request, Connector connector, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Id) || string.IsNullOrWhiteSpace(request.ThingId) ||
            string.IsNullOrWhiteSpace(request.ComponentId) || string.IsNullOrWhiteSpace(request.ActionId))
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "The action request id, thingId, componentId and actionId must not be empty.");
        }

        (ThingMapping Thing, InstanceRecord Instance)? found = await store.FindThingWithInstanceAsync(request.ThingId, cancellationToken).ConfigureAwait(false);
        if (found is not { } owner)
        {
            return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MappingNotFound, "The thing is not known to this connector.");
        }

        (ThingMapping thing, InstanceRecord instance) = owner;

        DateTimeOffset now = timeProvider.GetUtcNow();
        var record = new ActionRecord(request.Id, instance.Id, request.ThingId, request.ComponentId, request.ActionId, ActionStatus.Pending, null, 0, now, now);
        ActionRecord? earlier = await store.TryBeginActionAsync(record, CancellationToken.None).ConfigureAwait(false);
        if (earlier is not null)
        {
            return await AnswerRepeatedActionAsync(earlier, cancellationToken).ConfigureAwait(false);
        }

        // Only the request that recorded the action registers it; a repeat arriving before this line polls the store instead.
        var running = new TaskCompletionSource<CallbackResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _runningActions[request.Id] = running;
        CallbackResult result = CallbackResult.InternalError();
        try
        {
            result = await RunActionAsync(request, record, instance, thing, connector, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _runningActions.TryRemove(KeyValuePair.Create(request.Id, running));
            running.TrySetResult(result);
        }
    }

    private async Task<CallbackResult> RunActionAsync(
        ActionRequest request,
        ActionRecord record,
        InstanceRecord instance,
        ThingMapping thing,
        Connector connector,
        CancellationToken cancellationToken)
    {
        ActionOutcome outcome;
        try
        {
            var context = new ActionRequestContext
            {
                ActionRequestId = request.Id,
                Instance = instance.ToInstance(configuration),
                ThingId = request.ThingId,
                ExternalId = thing.ExternalId,
                ComponentId = request.ComponentId,
                ActionId = request.ActionId,
                Parameters = request.Parameters,
                Platform = platform,
            };
            outcome = await connector.OnActionAsync(context, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("OnActionAsync returned null.");
        }
        catch (Exception exception)
        {
            return await HookFailedAsync(request, thing, exception).ConfigureAwait(false);
        }

        (ActionStatus status, int statusCode) = outcome.Kind switch
        {
            ActionOutcomeKind.Completed => (ActionStatus.Completed, StatusCodes.Status204NoContent),
            ActionOutcomeKind.Pending => (ActionStatus.Pending, StatusCodes.Status202Accepted),
            ActionOutcomeKind.Failed => (ActionStatus.Failed, StatusCodes.Status202Accepted),
            ActionOutcomeKind.BadRequest => (ActionStatus.Failed, StatusCodes.Status400BadRequest),
            _ => (ActionStatus.Failed, StatusCodes.Status403Forbidden),
        };

        // A pending action may already have been finished by the connector while the hook ran: keep that result.
        ActionRecord? current = outcome.Kind == ActionOutcomeKind.Pending ? await store.GetActionAsync(request.Id, CancellationToken.None).ConfigureAwait(false) : null;
        if (current is { Status: ActionStatus.Completed or ActionStatus.Failed })
        {
            await store.UpdateActionAsync(request.Id, current.Status, current.Error, statusCode, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return CallbackResult.Accepted(new ActionResponse { Id = request.Id, Status = ActionStatus.Pending });
        }

        await store.UpdateActionAsync(request.Id, status, outcome.Message, statusCode, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return RecordedActionAnswer(record with { Status = status, Error = outcome.Message, ResponseStatusCode = statusCode });
    }

    /// <summary>
    /// Records and answers an action whose hook threw: a thing the platform removed while the hook ran (its instance
    /// removed, or the thing deleted) is a race the platform made, answered FAILED; anything else is the hook's fault.
    /// </summary>
    private async Task<CallbackResult> HookFailedAsync(ActionRequest request, ThingMapping thing, Exception exception)
    {
        if (exception is ThingNotFoundException &&
            await store.FindThingAsync(thing.ThingId!, CancellationToken.None).ConfigureAwait(false) is null)
        {
            Log.ActionThingRemoved(logger, exception, request.Id, request.ThingId);
            const string removed = "The thing was removed while the action ran.";
            await store.UpdateActionAsync(request.Id, ActionStatus.Failed, removed, StatusCodes.Status202Accepted, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return CallbackResult.Accepted(new ActionResponse { Id = request.Id, Status = ActionStatus.Failed, Error = removed });
        }

        Log.HookFailed(logger, exception, "action", request.Id);
        await store.UpdateActionAsync(request.Id, ActionStatus.Failed, "The connector failed to run the action.", StatusCodes.Status500InternalServerError, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return CallbackResult.InternalError();
    }

    /// <summary>
    /// Answers a repeated action request: with the recorded answer once there is one. While the first request's hook
    /// still runs — in this process, or in another replica — the repeat waits for it; an action left unfinished
    /// longer than <see cref="ConnctdConnectorOptions.AbandonedActionTimeout"/> (its process died in the hook) is
    /// reported FAILED to the platform and answered so. The hook never runs a second time.
    /// </summary>
    private async Task<CallbackResult> AnswerRepeatedActionAsync(ActionRecord earlier, CancellationToken cancellationToken)
    {
        TimeSpan poll = FirstRepeatPoll;
        ActionRecord? current = earlier;
        if (earlier.ResponseStatusCode == 0)
        {
            Log.ActionRepeatWaits(logger, earlier.Id);
        }

        while (true)
        {
            if (current is null)
            {
                // Removed with its instance while the repeat waited.
                return CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.MappingNotFound, "The thing is not known to this connector.");
            }

            if (current.ResponseStatusCode != 0)
            {
                CallbackResult recorded = RecordedActionAnswer(current);
                Log.RepeatedCallback(logger, "action", current.Id, recorded.StatusCode);
                return recorded;
            }

            if (_runningActions.TryGetValue(current.Id, out TaskCompletionSource<CallbackResult>? running))
            {
                CallbackResult first = await running.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                Log.RepeatedCallback(logger, "action", current.Id, first.StatusCode);
                return first;
            }

            if (timeProvider.GetUtcNow() - current.CreatedAt >= options.CurrentValue.AbandonedActionTimeout)
            {
                const string abandoned = "The connector stopped while it ran the action; its outcome is unknown.";
                if (await store.TryFinishUnfinishedActionAsync(current.Id, ActionStatus.Failed, abandoned, StatusCodes.Status202Accepted, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
                {
                    Log.ActionAbandoned(logger, current.Id);
                    await outbox.UpdateActionRequestAsync(current.InstanceId, current.Id, ActionStatus.Failed, abandoned, CancellationToken.None).ConfigureAwait(false);
                }
            }
            else
            {
                await Task.Delay(poll, timeProvider, cancellationToken).ConfigureAwait(false);
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LastRepeatPoll.Ticks));
            }

            current = await store.GetActionAsync(current.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CallbackResult> CreateThingsAsync(InstanceRecord record)
    {
        if (options.CurrentValue.ThingCreation == ThingCreationMode.Background)
        {
            string answer = SerializeAnswer(FurtherStep.FromText(BackgroundCreationStep), null);
            await store.SaveInstanceAsync(
                record with { State = LifecycleState.Ongoing, ThingCreation = ThingCreationStatus.InProgress, AnswerJson = answer, UpdatedAt = timeProvider.GetUtcNow() },
                CancellationToken.None).ConfigureAwait(false);
            creationQueue.Enqueue(record.Id);
            return CallbackResult.Accepted(answer);
        }

        await store.SaveInstanceAsync(record with { ThingCreation = ThingCreationStatus.InProgress, UpdatedAt = timeProvider.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);

        // Inline creation continues when the platform hangs up, so that its retry finds the things made; it stops with the host.
        ThingCreationResult result = await thingCreator.CreateAsync(record, lifetime.ApplicationStopping).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await store.UpdateInstanceStateAsync(record.Id, LifecycleState.Complete, ThingCreationStatus.Completed, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return CallbackResult.Created;
        }

        // Keep the instance and the things made so far: the platform's retry resumes and creates only what is missing.
        await store.UpdateInstanceStateAsync(record.Id, LifecycleState.Failed, ThingCreationStatus.Failed, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return result.ErrorCode == ErrorCodes.ThingCreationFailed
            ? CallbackResult.Error(StatusCodes.Status502BadGateway, ErrorCodes.ThingCreationFailed, result.Description ?? "Creating the instance's things failed.")
            : CallbackResult.Error(StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, result.Description ?? "The connector failed to describe the instance's things.");
    }

    /// <summary>Checks configuration against the declared parameters; a violation is refused with 403 naming the parameters, never their values.</summary>
    private CallbackResult? Refuse(string kind, string id, ConfigurationParameterSet parameters, IReadOnlyList<ConfigurationValue> configuration)
    {
        IReadOnlyList<ConfigurationViolation> violations = parameters.Validate(configuration);
        if (violations.Count == 0)
        {
            return null;
        }

        string summary = string.Join("; ", violations.Select(violation => violation.ToString()));
        Log.ConfigurationRefused(logger, kind, id, summary);
        return CallbackResult.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, $"The configuration is invalid: {summary}.");
    }

    internal static string InstallationKey(string id) => "installation:" + id;

    internal static string InstanceKey(string id) => "instance:" + id;

    private CallbackResult Repeated(string kind, string id, LifecycleState state, string? answerJson)
    {
        CallbackResult result = state == LifecycleState.Ongoing && answerJson is not null
            ? CallbackResult.Accepted(answerJson)
            : CallbackResult.Created;
        Log.RepeatedCallback(logger, kind, id, result.StatusCode);
        return result;
    }

    private static CallbackResult RecordedActionAnswer(ActionRecord action) => action.ResponseStatusCode switch
    {
        StatusCodes.Status204NoContent => CallbackResult.NoContent,
        StatusCodes.Status400BadRequest => CallbackResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequestBody, action.Error ?? "The action's parameters are invalid."),
        StatusCodes.Status403Forbidden => CallbackResult.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, action.Error ?? "The action is not allowed."),
        StatusCodes.Status500InternalServerError => CallbackResult.InternalError(),
        _ => CallbackResult.Accepted(new ActionResponse
        {
            Id = action.Id,
            Status = action.Status == ActionStatus.Failed ? ActionStatus.Failed : ActionStatus.Pending,
            Error = action.Status == ActionStatus.Failed ? action.Error ?? "The action failed." : null,
        }),
    };

    private static CallbackResult Refusal(SetupOutcome outcome) => outcome.Kind == SetupOutcomeKind.Unauthorized
        ? CallbackResult.Error(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthorized, outcome.Message ?? "The configuration was refused.")
        : CallbackResult.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, outcome.Message ?? "The configuration was refused.");

    private static string SerializeAnswer(FurtherStep? furtherStep, JsonElement? details) =>
        JsonSerializer.Serialize(new SetupResponse { FurtherStep = furtherStep, Details = details }, ConnctdJson.GetTypeInfo<SetupResponse>());
}
