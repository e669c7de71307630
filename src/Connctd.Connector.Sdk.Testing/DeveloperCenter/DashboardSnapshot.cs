namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>Everything the dashboard shows, as one JSON document (sent on load and on every change). Never holds a token.</summary>
internal sealed record DashboardSnapshot(
    DashboardSettings Settings,
    IReadOnlyList<DashboardSetup> Installations,
    IReadOnlyList<DashboardSetup> Instances,
    IReadOnlyList<DashboardThing> Things,
    IReadOnlyList<DashboardActionRequest> ActionRequests,
    IReadOnlyList<DashboardLogEntry> Log,
    IReadOnlyList<string> Faults);

/// <summary>What the connector is configured with, and the parameters the forms ask.</summary>
internal sealed record DashboardSettings(
    string PublicKey,
    string PlatformUrl,
    string ConnectorUrl,
    IReadOnlyList<string> CallbackUrls,
    bool HasSchema,
    IReadOnlyList<DashboardParameter> InstallationParameters,
    IReadOnlyList<DashboardParameter> InstanceParameters);

/// <summary>One configuration parameter of a form.</summary>
internal sealed record DashboardParameter(string Id, string Name, string Description, bool Required, string ValueType, string DisplayType, bool Secret);

/// <summary>An installation (no <see cref="InstallationId"/>) or an instance, with its state and further step.</summary>
internal sealed record DashboardSetup(
    string Id,
    string? InstallationId,
    string State,
    string? FurtherStepType,
    string? FurtherStep,
    IReadOnlyDictionary<string, string> Configuration,
    bool IsRemoved);

/// <summary>A thing as the platform holds it now.</summary>
internal sealed record DashboardThing(
    string Id,
    string InstanceId,
    string Name,
    string DisplayType,
    string Status,
    string MainComponentId,
    bool IsDeleted,
    IReadOnlyList<DashboardComponent> Components);

/// <summary>A component with its properties and actions.</summary>
internal sealed record DashboardComponent(string Id, string Name, string ComponentType, IReadOnlyList<DashboardProperty> Properties, IReadOnlyList<DashboardAction> Actions);

/// <summary>A property with its current value.</summary>
internal sealed record DashboardProperty(string Id, string Name, string Type, string Unit, string Value, DateTimeOffset? LastUpdate);

/// <summary>An action and its parameters (name and value type).</summary>
internal sealed record DashboardAction(string Id, string Name, IReadOnlyList<DashboardProperty> Parameters);

/// <summary>An action request the platform sent, with its status.</summary>
internal sealed record DashboardActionRequest(
    string Id, string ThingId, string ComponentId, string ActionId, IReadOnlyDictionary<string, string> Parameters, string Status, string? Error, DateTimeOffset SentAt);

/// <summary>One line of the log: a callback to the connector or a call of the platform API, with its verdict.</summary>
internal sealed record DashboardLogEntry(DateTimeOffset At, string Direction, string Method, string Target, int StatusCode, string? ErrorCode, string Verdict, bool Good);
