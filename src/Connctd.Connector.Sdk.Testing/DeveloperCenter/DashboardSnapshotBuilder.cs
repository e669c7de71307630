using System.Text.Json;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>Builds the dashboard's view of the platform: secret configuration values masked, tokens left out, the log merged and verdicts given.</summary>
internal static class DashboardSnapshotBuilder
{
    /// <summary>How many log lines the page gets (the newest).</summary>
    public const int LogLength = 300;

    public static DashboardSnapshot Build(DeveloperCenterServer server)
    {
        FakeConnctdPlatform platform = server.Platform;
        ConnectorConfigurationSchema schema = server.Schema;
        var settings = new DashboardSettings(
            platform.PublicKeyBase64,
            platform.PlatformUrl.AbsoluteUri,
            server.ConnectorUrl.AbsoluteUri,
            server.CallbackUrls.Select(url => url.AbsoluteUri).ToArray(),
            server.HasSchema,
            schema.Installation.Select(Parameter).ToArray(),
            schema.Instance.Select(Parameter).ToArray());

        return new DashboardSnapshot(
            settings,
            platform.Installations.Select(installation => new DashboardSetup(
                installation.Id, null, Name(installation.State), StepType(installation.FurtherStep), installation.FurtherStep?.Content,
                Mask(installation.Configuration, schema.Installation), installation.IsRemoved)).ToArray(),
            platform.Instances.Select(instance => new DashboardSetup(
                instance.Id, instance.InstallationId, Name(instance.State), StepType(instance.FurtherStep), instance.FurtherStep?.Content,
                Mask(instance.Configuration, schema.Instance), instance.IsRemoved)).ToArray(),
            platform.Things.Select(Thing).ToArray(),
            platform.ActionRequests.Select(action => new DashboardActionRequest(
                action.Id, action.ThingId, action.ComponentId, action.ActionId, action.Parameters, Name(action.Status), action.Error, action.SentAt)).ToArray(),
            Log(platform),
            platform.Faults.Describe());
    }

    private static DashboardParameter Parameter(ConfigurationParameter parameter) => new(
        parameter.Id, parameter.Name, parameter.Description, parameter.Required, Name(parameter.ValueType), Name(parameter.DisplayType), parameter.IsSecret);

    private static Dictionary<string, string> Mask(IReadOnlyDictionary<string, string> values, ConfigurationParameterSet parameters) =>
        values.ToDictionary(
            pair => pair.Key,
            pair => parameters.Find(pair.Key) is { IsSecret: true } ? ConfigurationParameterSet.Mask : pair.Value,
            StringComparer.Ordinal);

    private static DashboardThing Thing(RecordedThing record)
    {
        Thing thing = record.Thing;
        return new DashboardThing(
            record.ThingId,
            record.InstanceId,
            thing.Name,
            thing.DisplayType,
            Name(thing.Status),
            thing.MainComponentId,
            record.IsDeleted,
            thing.Components.Select(component => new DashboardComponent(
                component.Id,
                component.Name,
                component.ComponentType,
                component.Properties.Select(property => new DashboardProperty(
                    property.Id, property.Name, Name(property.Type), property.Unit, property.Value, property.LastUpdate)).ToArray(),
                component.Actions.Select(action => new DashboardAction(
                    action.Id,
                    action.Name,
                    action.Parameters.Select(parameter => new DashboardProperty(parameter.Name, parameter.Name, Name(parameter.Type), "", "", null)).ToArray()))
                .ToArray())).ToArray());
    }

    private static DashboardLogEntry[] Log(FakeConnctdPlatform platform)
    {
        IEnumerable<DashboardLogEntry> callbacks = platform.Callbacks.Select(callback => new DashboardLogEntry(
            callback.SentAt, "callback", callback.Method, callback.Target, callback.StatusCode, callback.ErrorCode, Verdict(callback), callback.AnsweredAsExpected));
        IEnumerable<DashboardLogEntry> calls = platform.Requests.Select(request => new DashboardLogEntry(
            request.ReceivedAt, "platform", request.Method, request.Path, request.StatusCode, request.ErrorCode, Verdict(request), request.Accepted));
        return callbacks.Concat(calls).OrderBy(entry => entry.At).TakeLast(LogLength).ToArray();
    }

    private static string Verdict(RecordedCallback callback)
    {
        if (callback.StatusCode == 0)
        {
            return "connector unreachable: " + callback.Failure;
        }

        if (callback.Signing == CallbackSigning.Valid)
        {
            return callback.AnsweredAsExpected ? "accepted" : $"refused by the connector ({callback.ErrorCode ?? callback.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        }

        return callback.AnsweredAsExpected
            ? $"{callback.Signing} callback refused, as it must be"
            : $"{callback.Signing} callback NOT refused: the connector must answer 400";
    }

    private static string Verdict(RecordedRequest request) => request switch
    {
        { Fault: PlatformFaultKind.ConnectionDropped } => "fault injected: connection dropped",
        { Fault: not PlatformFaultKind.None } => $"fault injected: {request.StatusCode}",
        { StatusCode: 0 } => "the connector gave up waiting",
        { Accepted: true } => "accepted",
        _ => $"refused by the platform ({request.ErrorCode})",
    };

    private static string? StepType(FurtherStep? step) => step is null ? null : Name(step.Type);

    /// <summary>An enum value as the platform spells it: <c>COMPLETE</c>, <c>REMOVAL_ONGOING</c>.</summary>
    internal static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());
}
