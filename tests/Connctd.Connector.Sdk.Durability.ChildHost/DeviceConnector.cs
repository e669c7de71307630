using System.Collections.Concurrent;
using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Durability.ChildHost;

/// <summary>
/// A connector with <c>devices</c> things (instance configuration, 2 by default), each with one component
/// <see cref="Component"/> holding <c>properties</c> string properties <c>p0</c>, <c>p1</c>, … (4 by default) and the
/// action <see cref="WorkAction"/>, which is answered PENDING and finished later through <see cref="IConnectorPlatform"/>.
/// </summary>
/// <param name="configuration">Where the action hook records its runs (<see cref="ActionLogKey"/>), if anywhere.</param>
public sealed class DeviceConnector(IConfiguration configuration) : Connctd.Connector.Sdk.AspNetCore.Connector
{
    /// <summary>The configuration key of a file the action hook appends each action request id to as it runs (none when absent).</summary>
    public const string ActionLogKey = "Durability:ActionLog";

    private static readonly Lock s_actionLogLock = new();

    /// <summary>The instance configuration parameter: how many things.</summary>
    public const string DevicesParameter = "devices";

    /// <summary>The instance configuration parameter: how many properties each thing has.</summary>
    public const string PropertiesParameter = "properties";

    /// <summary>The component of every thing.</summary>
    public const string Component = "sensor";

    /// <summary>An action answered PENDING.</summary>
    public const string WorkAction = "work";

    /// <summary>The installation configuration parameter: how many milliseconds the installation hook takes (0 by default).</summary>
    public const string InstallDelayParameter = "installDelayMs";

    private static readonly ConcurrentDictionary<string, int> s_installHookRuns = new();

    /// <summary>How often the installation hook ran for <paramref name="installationId"/>, in this process (all its hosts).</summary>
    public static int InstallHookRuns(string installationId) => s_installHookRuns.GetValueOrDefault(installationId);

    /// <inheritdoc />
    public override async ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken)
    {
        s_installHookRuns.AddOrUpdate(context.Installation.Id, 1, (_, runs) => runs + 1);
        int delay = Read(context.Installation.Configuration, InstallDelayParameter, 0);
        if (delay > 0)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        return SetupOutcome.Completed();
    }

    /// <summary>The configuration key of the connector version (<see cref="Version"/>; 0 when absent).</summary>
    public const string VersionKey = "Durability:Version";

    /// <summary>The configuration key of a file the upgrade hooks append <c>begin|end &lt;kind&gt; &lt;id&gt; &lt;fromVersion&gt;</c> to (none when absent).</summary>
    public const string UpgradeLogKey = "Durability:UpgradeLog";

    /// <summary>The configuration key of an installation or instance id whose upgrade hook never finishes (it waits until cancelled).</summary>
    public const string UpgradeBlockKey = "Durability:UpgradeBlock";

    /// <summary>The configuration key of an installation or instance id whose upgrade hook always throws.</summary>
    public const string UpgradeFailKey = "Durability:UpgradeFail";

    /// <summary>The configuration key of how many milliseconds each upgrade hook takes (0 when absent).</summary>
    public const string UpgradeDelayKey = "Durability:UpgradeDelayMs";

    /// <summary>The configuration key that gives every instance one more thing, <see cref="ExtraExternalId"/> (a new version's thing).</summary>
    public const string ExtraDeviceKey = "Durability:ExtraDevice";

    /// <summary>
    /// The configuration key that gives every thing one more property, <see cref="ExtraPropertyId"/> (a new version's
    /// property: the things change, so the re-sync re-creates them).
    /// </summary>
    public const string ExtraPropertyKey = "Durability:ExtraProperty";

    /// <summary>The id of the property <see cref="ExtraPropertyKey"/> adds, with the template value <see cref="ExtraPropertyValue"/>.</summary>
    public const string ExtraPropertyId = "extra";

    /// <summary>The template value of <see cref="ExtraPropertyId"/>.</summary>
    public const string ExtraPropertyValue = "new";

    /// <summary>The external id (and name) of the thing <see cref="ExtraDeviceKey"/> adds.</summary>
    public const string ExtraExternalId = "device-extra";

    private static readonly Lock s_upgradeLogLock = new();

    /// <inheritdoc />
    public override int Version => configuration.GetValue<int>(VersionKey);

    /// <inheritdoc />
    public override ValueTask OnUpgradeAsync(InstallationContext context, int fromVersion, CancellationToken cancellationToken) =>
        UpgradeAsync("installation", context.Installation.Id, fromVersion, cancellationToken);

    /// <inheritdoc />
    public override ValueTask OnUpgradeAsync(InstanceContext context, int fromVersion, CancellationToken cancellationToken) =>
        UpgradeAsync("instance", context.Instance.Id, fromVersion, cancellationToken);

    private async ValueTask UpgradeAsync(string kind, string id, int fromVersion, CancellationToken cancellationToken)
    {
        WriteUpgradeLog("begin", kind, id, fromVersion);
        if (configuration[UpgradeFailKey] == id)
        {
            throw new InvalidOperationException($"The upgrade of {kind} {id} fails (test).");
        }

        if (configuration.GetValue<int>(UpgradeDelayKey) is > 0 and int delay)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        if (configuration[UpgradeBlockKey] == id)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        WriteUpgradeLog("end", kind, id, fromVersion);
    }

    private void WriteUpgradeLog(string what, string kind, string id, int fromVersion)
    {
        if (configuration[UpgradeLogKey] is { Length: > 0 } upgradeLog)
        {
            lock (s_upgradeLogLock)
            {
                File.AppendAllText(upgradeLog, string.Create(CultureInfo.InvariantCulture, $"{what} {kind} {id} {fromVersion}{Environment.NewLine}"));
            }
        }
    }

    /// <summary>The external id (and the thing's name) of device <paramref name="number"/>, from 1.</summary>
    public static string ExternalId(int number) => "device-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id of property <paramref name="index"/>, from 0.</summary>
    public static string PropertyId(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<ThingTemplate>> GetThingsAsync(InstanceContext context, CancellationToken cancellationToken)
    {
        int devices = Read(context.Instance.Configuration, DevicesParameter, 2);
        int properties = Read(context.Instance.Configuration, PropertiesParameter, 4);
        bool extraProperty = configuration.GetValue<bool>(ExtraPropertyKey);
        List<ThingTemplate> templates = [.. Enumerable.Range(1, devices).Select(number => new ThingTemplate(ExternalId(number), Device(ExternalId(number), properties, extraProperty)))];
        if (configuration.GetValue<bool>(ExtraDeviceKey))
        {
            templates.Add(new ThingTemplate(ExtraExternalId, Device(ExtraExternalId, properties, extraProperty)));
        }

        return ValueTask.FromResult<IReadOnlyList<ThingTemplate>>(templates);
    }

    /// <inheritdoc />
    public override ValueTask<ActionOutcome> OnActionAsync(ActionRequestContext context, CancellationToken cancellationToken)
    {
        if (configuration[ActionLogKey] is { Length: > 0 } actionLog)
        {
            // Written before the hook returns: a process killed after this line has run the action.
            lock (s_actionLogLock)
            {
                File.AppendAllText(actionLog, context.ActionRequestId + Environment.NewLine);
            }
        }

        return ValueTask.FromResult(context.ActionId == WorkAction ? ActionOutcome.Pending() : ActionOutcome.BadRequest("Unknown action."));
    }

    private static Thing Device(string name, int properties, bool extraProperty)
    {
        return new ThingBuilder(name, "core.SENSOR")
            .WithManufacturer("durability tests")
            .AddComponent(Component, "core.Sensor", component =>
            {
                for (int index = 0; index < properties; index++)
                {
                    component.AddProperty(PropertyId(index), PropertyValueType.String, property => property.WithValue(string.Empty));
                }

                if (extraProperty)
                {
                    component.AddProperty(ExtraPropertyId, PropertyValueType.String, property => property.WithValue(ExtraPropertyValue));
                }

                component.AddAction(WorkAction, action => action.AddParameter("amount", PropertyValueType.Number));
            })
            .Build();
    }

    private static int Read(ConfigurationValues configuration, string id, int defaultValue) =>
        configuration.TryGetNumber(id, out double value) ? (int)value : defaultValue;
}
