using System.Globalization;
using System.Security.Cryptography;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>
/// Everything the fake platform knows, behind one lock: installations, instances and action requests it sent; things,
/// values, statuses and states the connector sent; and every API request. Each change completes <see cref="Changed"/>.
/// </summary>
internal sealed class PlatformState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstallationEntry> _installations = new(StringComparer.Ordinal);
    private readonly List<InstallationEntry> _installationOrder = [];
    private readonly Dictionary<string, InstanceEntry> _instances = new(StringComparer.Ordinal);
    private readonly List<InstanceEntry> _instanceOrder = [];
    private readonly Dictionary<string, ActionEntry> _actions = new(StringComparer.Ordinal);
    private readonly List<ActionEntry> _actionOrder = [];
    private readonly Dictionary<string, ThingEntry> _things = new(StringComparer.Ordinal);
    private readonly List<ThingEntry> _thingOrder = [];
    private readonly Dictionary<string, TokenOwner> _tokens = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedCallback> _callbacks = [];
    private readonly List<RecordedPropertyUpdate> _propertyUpdates = [];
    private readonly List<RecordedThingStatus> _thingStatuses = [];
    private readonly List<RecordedActionUpdate> _actionUpdates = [];
    private readonly List<RecordedStateUpdate> _installationStates = [];
    private readonly List<RecordedStateUpdate> _instanceStates = [];
    private readonly List<RecordedThingDeletion> _thingDeletions = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _installationCounter;
    private int _instanceCounter;
    private int _actionCounter;
    private int _thingCounter;
    private long _requestCounter;
    private long _callbackCounter;

    public TimeProvider Time => time;

    /// <summary>Completes at the next change; take it before probing, then await it if the probe failed.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public string NextInstallationId() => "installation-" + Interlocked.Increment(ref _installationCounter).ToString(CultureInfo.InvariantCulture);

    public string NextInstanceId() => "instance-" + Interlocked.Increment(ref _instanceCounter).ToString(CultureInfo.InvariantCulture);

    public string NextActionRequestId() => "action-" + Interlocked.Increment(ref _actionCounter).ToString(CultureInfo.InvariantCulture);

    public long NextRequestSequence() => Interlocked.Increment(ref _requestCounter);

    // ---- callbacks the platform sends -------------------------------------------------------------------------

    /// <summary>Registers an installation before its callback is sent (a repeated id keeps its token) and returns the token.</summary>
    public string BeginInstallation(string id, IReadOnlyDictionary<string, string> configuration)
    {
        lock (_gate)
        {
            if (!_installations.TryGetValue(id, out InstallationEntry? entry) || entry.IsRemoved)
            {
                entry = new InstallationEntry(id, NewToken("installation-token-"), configuration);
                if (_installations.TryAdd(id, entry))
                {
                    _installationOrder.Add(entry);
                }
                else
                {
                    _installationOrder[_installationOrder.FindIndex(other => other.Id == id)] = entry;
                    _installations[id] = entry;
                }

                _tokens[entry.Token] = new TokenOwner(TokenKind.Installation, id);
            }

            entry.State = LifecycleState.Initialized;
            entry.ReportedSinceCallback = false;
            NotifyLocked();
            return entry.Token;
        }
    }

    public void AnswerInstallation(string id, LifecycleState state, FurtherStep? furtherStep)
    {
        lock (_gate)
        {
            if (_installations.TryGetValue(id, out InstallationEntry? entry) && !entry.ReportedSinceCallback)
            {
                entry.State = state;
                entry.FurtherStep = furtherStep;
                if (state is LifecycleState.Failed or LifecycleState.Error)
                {
                    _tokens.Remove(entry.Token);
                }

                NotifyLocked();
            }
        }
    }

    /// <summary>Registers an instance before its callback is sent (a repeated id keeps its token) and returns the token.</summary>
    public string BeginInstance(string id, string installationId, IReadOnlyDictionary<string, string> configuration)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(id, out InstanceEntry? entry) || entry.IsRemoved)
            {
                entry = new InstanceEntry(id, installationId, NewToken("instance-token-"), configuration);
                if (_instances.TryAdd(id, entry))
                {
                    _instanceOrder.Add(entry);
                }
                else
                {
                    _instanceOrder[_instanceOrder.FindIndex(other => other.Id == id)] = entry;
                    _instances[id] = entry;
                }

                _tokens[entry.Token] = new TokenOwner(TokenKind.Instance, id);
            }

            entry.State = LifecycleState.Initialized;
            entry.ReportedSinceCallback = false;
            NotifyLocked();
            return entry.Token;
        }
    }

    public void AnswerInstance(string id, LifecycleState state, FurtherStep? furtherStep)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(id, out InstanceEntry? entry) && !entry.ReportedSinceCallback)
            {
                entry.State = state;
                entry.FurtherStep = furtherStep;
                if (state is LifecycleState.Failed or LifecycleState.Error)
                {
                    _tokens.Remove(entry.Token);
                }

                NotifyLocked();
            }
        }
    }

    public void BeginAction(string id, string thingId, string componentId, string actionId, IReadOnlyDictionary<string, string> parameters)
    {
        lock (_gate)
        {
            string instanceId = _things.TryGetValue(thingId, out ThingEntry? thing) ? thing.InstanceId : "";
            var entry = new ActionEntry(id, instanceId, thingId, componentId, actionId, parameters, time.GetUtcNow());
            if (_actions.TryAdd(id, entry))
            {
                _actionOrder.Add(entry);
            }
            else
            {
                _actionOrder[_actionOrder.FindIndex(other => other.Id == id)] = entry;
                _actions[id] = entry;
            }

            NotifyLocked();
        }
    }

    public void AnswerAction(string id, ActionStatus status, string? error)
    {
        lock (_gate)
        {
            if (_actions.TryGetValue(id, out ActionEntry? entry) && !entry.UpdatedSinceCallback)
            {
                entry.Status = status;
                entry.Error = error;
                NotifyLocked();
            }
        }
    }

    /// <summary>Cancels a pending action request as the platform may on its own; later updates are refused.</summary>
    public bool CancelAction(string id)
    {
        lock (_gate)
        {
            if (_actions.TryGetValue(id, out ActionEntry? entry) && entry.Status == ActionStatus.Pending)
            {
                entry.Status = ActionStatus.Canceled;
                entry.UpdatedSinceCallback = true;
                NotifyLocked();
                return true;
            }

            return false;
        }
    }

    /// <summary>The platform removes an instance after its removal callback, whatever the connector answered.</summary>
    public void RemoveInstance(string id)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(id, out InstanceEntry? entry))
            {
                RemoveInstanceLocked(entry);
                NotifyLocked();
            }
        }
    }

    /// <summary>The platform removes an installation and its instances after the uninstall callback.</summary>
    public void RemoveInstallation(string id)
    {
        lock (_gate)
        {
            if (_installations.TryGetValue(id, out InstallationEntry? entry))
            {
                entry.IsRemoved = true;
                entry.State = LifecycleState.RemovalOngoing;
                _tokens.Remove(entry.Token);
                foreach (InstanceEntry instance in _instanceOrder.Where(instance => instance.InstallationId == id))
                {
                    RemoveInstanceLocked(instance);
                }

                NotifyLocked();
            }
        }
    }

    public string? FindInstallationToken(string id)
    {
        lock (_gate)
        {
            return _installations.TryGetValue(id, out InstallationEntry? entry) ? entry.Token : null;
        }
    }

    public string? FindInstanceToken(string id)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(id, out InstanceEntry? entry) ? entry.Token : null;
        }
    }

    // ---- the platform API --------------------------------------------------------------------------------------

    public TokenOwner? FindTokenOwner(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out TokenOwner? owner) ? owner : null;
        }
    }

    public ApiResult CreateThing(TokenOwner owner, Thing thing)
    {
        if (owner.Kind != TokenKind.Instance)
        {
            return ForbiddenForInstallationToken();
        }

        IReadOnlyList<ThingValidationError> errors = PlatformThingRules.Validate(thing);
        if (errors.Count > 0)
        {
            return ApiResult.Error(400, FakePlatformErrorCodes.InvalidBody, "The thing is invalid: " + string.Join("; ", errors));
        }

        lock (_gate)
        {
            string thingId = "thing-" + (++_thingCounter).ToString(CultureInfo.InvariantCulture);
            var entry = new ThingEntry(thingId, owner.Id, thing, time.GetUtcNow());
            _things.Add(thingId, entry);
            _thingOrder.Add(entry);
            NotifyLocked();
            return ApiResult.Created(thingId);
        }
    }

    public ApiResult UpdateProperty(TokenOwner owner, string thingId, string componentId, string propertyId, PropertyValueUpdate update)
    {
        if (owner.Kind != TokenKind.Instance)
        {
            return ForbiddenForInstallationToken();
        }

        lock (_gate)
        {
            if (FindThingLocked(owner, thingId) is not { } thing)
            {
                return ThingNotFound(thingId);
            }

            ThingProperty? property = thing.AsCreated.Components.FirstOrDefault(component => component.Id == componentId)?
                .Properties.FirstOrDefault(candidate => candidate.Id == propertyId);
            if (property is null)
            {
                return ApiResult.Error(404, FakePlatformErrorCodes.PropertyNotFound, $"Thing {thingId} has no property {componentId}/{propertyId}.");
            }

            if (!FitsType(update.Value, property.Type))
            {
                return ApiResult.Error(400, FakePlatformErrorCodes.InvalidBody, $"The value does not fit the property's type {property.Type}.");
            }

            thing.Values[(componentId, propertyId)] = (update.Value, update.LastUpdate);
            _propertyUpdates.Add(new RecordedPropertyUpdate(thingId, owner.Id, componentId, propertyId, update.Value, update.LastUpdate, time.GetUtcNow()));
            NotifyLocked();
            return ApiResult.NoContent;
        }
    }

    public ApiResult UpdateThingStatus(TokenOwner owner, string thingId, ThingStatus status)
    {
        if (owner.Kind != TokenKind.Instance)
        {
            return ForbiddenForInstallationToken();
        }

        lock (_gate)
        {
            if (FindThingLocked(owner, thingId) is not { } thing)
            {
                return ThingNotFound(thingId);
            }

            thing.Status = status;
            _thingStatuses.Add(new RecordedThingStatus(thingId, owner.Id, status, time.GetUtcNow()));
            NotifyLocked();
            return ApiResult.NoContent;
        }
    }

    public ApiResult DeleteThing(TokenOwner owner, string thingId)
    {
        if (owner.Kind != TokenKind.Instance)
        {
            return ForbiddenForInstallationToken();
        }

        lock (_gate)
        {
            if (FindThingLocked(owner, thingId) is not { } thing)
            {
                return ThingNotFound(thingId);
            }

            DateTimeOffset now = time.GetUtcNow();
            thing.DeletedAt = now;
            _thingDeletions.Add(new RecordedThingDeletion(thingId, owner.Id, now));
            NotifyLocked();
            return ApiResult.NoContent;
        }
    }

    public ApiResult UpdateActionRequest(TokenOwner owner, string actionRequestId, ActionRequestUpdate update)
    {
        if (owner.Kind != TokenKind.Instance)
        {
            return ForbiddenForInstallationToken();
        }

        if (update.Status is not (ActionStatus.Completed or ActionStatus.Failed))
        {
            return ApiResult.Error(400, FakePlatformErrorCodes.InvalidBody, "The status must be COMPLETED or FAILED.");
        }

        if (update.Status == ActionStatus.Failed && string.IsNullOrWhiteSpace(update.Error))
        {
            return ApiResult.Error(400, FakePlatformErrorCodes.InvalidBody, "A FAILED action request needs an error message.");
        }

        lock (_gate)
        {
            if (!_actions.TryGetValue(actionRequestId, out ActionEntry? action) || action.InstanceId != owner.Id)
            {
                return ApiResult.Error(404, FakePlatformErrorCodes.ActionRequestNotFound, $"No action request {actionRequestId} was sent to this instance.");
            }

            if (action.Status != ActionStatus.Pending)
            {
                // A repeated update with the same result (a retry after a lost answer) is harmless.
                return action.Status == update.Status && action.Error == update.Error
                    ? ApiResult.NoContent
                    : ApiResult.Error(409, FakePlatformErrorCodes.ActionRequestNotPending, $"Action request {actionRequestId} is {action.Status}, no longer PENDING.");
            }

            action.Status = update.Status;
            action.Error = update.Error;
            action.UpdatedSinceCallback = true;
            _actionUpdates.Add(new RecordedActionUpdate(actionRequestId, owner.Id, update.Status, update.Error, time.GetUtcNow()));
            NotifyLocked();
            return ApiResult.NoContent;
        }
    }

    public ApiResult UpdateInstallationState(TokenOwner owner, StateUpdate update)
    {
        if (owner.Kind != TokenKind.Installation)
        {
            return ApiResult.Error(403, ErrorCodes.Forbidden, "The installation state is reported with the installation token.");
        }

        if (!IsReportable(update.State))
        {
            return NotReportable();
        }

        lock (_gate)
        {
            InstallationEntry entry = _installations[owner.Id];
            entry.State = update.State;
            entry.ReportedSinceCallback = true;
            _installationStates.Add(new RecordedStateUpdate(owner.Id, update.State, update.Details?.Clone(), time.GetUtcNow()));
            NotifyLocked();
            return ApiResult.NoContent;
        }
    }

    public ApiResult UpdateInstanceState(TokenOwner owner, StateUpdate update)
    {
        if (owner.Kind != TokenKind.Instance)
        {
            return ApiResult.Error(403, ErrorCodes.Forbidden, "The instance state is reported with the instance token.");
        }

        if (!IsReportable(update.State))
        {
            return NotReportable();
        }

        lock (_gate)
        {
            InstanceEntry entry = _instances[owner.Id];
            entry.State = update.State;
            entry.ReportedSinceCallback = true;
            _instanceStates.Add(new RecordedStateUpdate(owner.Id, update.State, update.Details?.Clone(), time.GetUtcNow()));
            NotifyLocked();
            return ApiResult.NoContent;
        }
    }

    public void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            NotifyLocked();
        }
    }

    public void RecordCallback(string method, string target, CallbackSigning signing, int statusCode, string? errorCode, string? failure)
    {
        lock (_gate)
        {
            _callbacks.Add(new RecordedCallback(++_callbackCounter, method, target, signing, statusCode, errorCode, failure, time.GetUtcNow()));
            NotifyLocked();
        }
    }

    /// <summary>Completes <see cref="Changed"/> for a change outside the records (a fault rule added or cleared).</summary>
    public void Touch()
    {
        lock (_gate)
        {
            NotifyLocked();
        }
    }

    // ---- snapshots ---------------------------------------------------------------------------------------------

    public IReadOnlyList<RecordedRequest> Requests() => Snapshot(_requests);

    public IReadOnlyList<RecordedCallback> Callbacks() => Snapshot(_callbacks);

    public IReadOnlyList<RecordedPropertyUpdate> PropertyUpdates() => Snapshot(_propertyUpdates);

    public IReadOnlyList<RecordedThingStatus> ThingStatuses() => Snapshot(_thingStatuses);

    public IReadOnlyList<RecordedActionUpdate> ActionUpdates() => Snapshot(_actionUpdates);

    public IReadOnlyList<RecordedStateUpdate> InstallationStates() => Snapshot(_installationStates);

    public IReadOnlyList<RecordedStateUpdate> InstanceStates() => Snapshot(_instanceStates);

    public IReadOnlyList<RecordedThingDeletion> ThingDeletions() => Snapshot(_thingDeletions);

    public IReadOnlyList<RecordedThing> Things()
    {
        lock (_gate)
        {
            return _thingOrder.Select(thing => thing.ToRecord()).ToArray();
        }
    }

    public RecordedThing? Thing(string thingId)
    {
        lock (_gate)
        {
            return _things.TryGetValue(thingId, out ThingEntry? thing) ? thing.ToRecord() : null;
        }
    }

    public IReadOnlyList<FakeInstallation> Installations()
    {
        lock (_gate)
        {
            return _installationOrder.Select(entry => entry.ToRecord()).ToArray();
        }
    }

    public FakeInstallation? Installation(string id)
    {
        lock (_gate)
        {
            return _installations.TryGetValue(id, out InstallationEntry? entry) ? entry.ToRecord() : null;
        }
    }

    public IReadOnlyList<FakeInstance> Instances()
    {
        lock (_gate)
        {
            return _instanceOrder.Select(entry => entry.ToRecord()).ToArray();
        }
    }

    public FakeInstance? Instance(string id)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(id, out InstanceEntry? entry) ? entry.ToRecord() : null;
        }
    }

    public IReadOnlyList<FakeActionRequest> ActionRequests()
    {
        lock (_gate)
        {
            return _actionOrder.Select(entry => entry.ToRecord()).ToArray();
        }
    }

    public FakeActionRequest? ActionRequest(string id)
    {
        lock (_gate)
        {
            return _actions.TryGetValue(id, out ActionEntry? entry) ? entry.ToRecord() : null;
        }
    }

    private static string NewToken(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static bool IsReportable(LifecycleState state) => state is LifecycleState.Complete or LifecycleState.Ongoing or LifecycleState.Failed;

    private static ApiResult NotReportable() =>
        ApiResult.Error(400, FakePlatformErrorCodes.InvalidBody, "A connector may only report COMPLETE (2), ONGOING (3) or FAILED (4).");

    private static ApiResult ForbiddenForInstallationToken() =>
        ApiResult.Error(403, ErrorCodes.Forbidden, "Things and action requests are changed with an instance token, not an installation token.");

    private static ApiResult ThingNotFound(string thingId) =>
        ApiResult.Error(404, FakePlatformErrorCodes.ThingNotFound, $"Thing {thingId} does not exist for this instance.");

    private static bool FitsType(string value, PropertyValueType type) => type switch
    {
        PropertyValueType.Boolean => value is "true" or "false",
        PropertyValueType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number),
        _ => true,
    };

    private ThingEntry? FindThingLocked(TokenOwner owner, string thingId) =>
        _things.TryGetValue(thingId, out ThingEntry? thing) && thing.InstanceId == owner.Id && thing.DeletedAt is null ? thing : null;

    private void RemoveInstanceLocked(InstanceEntry entry)
    {
        entry.IsRemoved = true;
        entry.State = LifecycleState.RemovalOngoing;
        _tokens.Remove(entry.Token);
        DateTimeOffset now = time.GetUtcNow();
        foreach (ThingEntry thing in _thingOrder.Where(thing => thing.InstanceId == entry.Id && thing.DeletedAt is null))
        {
            thing.DeletedAt = now;
        }
    }

    private T[] Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToArray();
        }
    }

    private void NotifyLocked()
    {
        TaskCompletionSource previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private sealed class InstallationEntry(string id, string token, IReadOnlyDictionary<string, string> configuration)
    {
        public string Id { get; } = id;

        public string Token { get; } = token;

        public LifecycleState State { get; set; } = LifecycleState.Initialized;

        public FurtherStep? FurtherStep { get; set; }

        public bool IsRemoved { get; set; }

        public bool ReportedSinceCallback { get; set; }

        public FakeInstallation ToRecord() => new(Id, Token, configuration, State, FurtherStep, IsRemoved);
    }

    private sealed class InstanceEntry(string id, string installationId, string token, IReadOnlyDictionary<string, string> configuration)
    {
        public string Id { get; } = id;

        public string InstallationId { get; } = installationId;

        public string Token { get; } = token;

        public LifecycleState State { get; set; } = LifecycleState.Initialized;

        public FurtherStep? FurtherStep { get; set; }

        public bool IsRemoved { get; set; }

        public bool ReportedSinceCallback { get; set; }

        public FakeInstance ToRecord() => new(Id, InstallationId, Token, configuration, State, FurtherStep, IsRemoved);
    }

    private sealed class ActionEntry(
        string id, string instanceId, string thingId, string componentId, string actionId, IReadOnlyDictionary<string, string> parameters, DateTimeOffset sentAt)
    {
        public string Id { get; } = id;

        public string InstanceId { get; } = instanceId;

        public ActionStatus Status { get; set; } = ActionStatus.Pending;

        public string? Error { get; set; }

        public bool UpdatedSinceCallback { get; set; }

        public FakeActionRequest ToRecord() => new(Id, InstanceId, thingId, componentId, actionId, parameters, Status, Error, sentAt);
    }

    private sealed class ThingEntry(string id, string instanceId, Thing asCreated, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public string InstanceId { get; } = instanceId;

        public Thing AsCreated { get; } = asCreated;

        public ThingStatus Status { get; set; } = asCreated.Status;

        public Dictionary<(string Component, string Property), (string Value, DateTimeOffset LastUpdate)> Values { get; } = [];

        public DateTimeOffset? DeletedAt { get; set; }

        public RecordedThing ToRecord()
        {
            Thing current = AsCreated with
            {
                Id = Id,
                Status = Status,
                Components = AsCreated.Components.Select(component => component with
                {
                    Properties = component.Properties.Select(property =>
                        Values.TryGetValue((component.Id, property.Id), out (string Value, DateTimeOffset LastUpdate) value)
                            ? property with { Value = value.Value, LastUpdate = value.LastUpdate }
                            : property).ToArray(),
                }).ToArray(),
            };
            return new RecordedThing(Id, InstanceId, current, AsCreated, createdAt, DeletedAt);
        }
    }
}
