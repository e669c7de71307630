using System.Globalization;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace Connctd.Connector.Sdk.Durability.Tests.Upgrade;

/// <summary>
/// A live install base upgraded: version 1 of the test connector installs one installation with three instances, then
/// version 2 starts — on two replicas at once, for a targeted roll-out first, as a dry run, with a failing instance,
/// and killed hard in the middle — on the fake platform and the test's store.
/// </summary>
public abstract class UpgradeTests(StoreKind kind) : DurabilityTestBase(kind)
{
    private const int ThingSyncDoneEvent = 3041;
    private const int UpgradePassDoneEvent = 3062;

    private readonly UpgradeLog _log = new();

    [Fact]
    public async Task Start_V2OnTwoReplicasAtOnce_RunsEachHookOnceInstallationFirst()
    {
        (string installationId, string[] instanceIds) = await InstallVersionOneAsync();

        // Each hook takes a while, so both replicas are in their first pass together and compete for every claim.
        Action<Dictionary<string, string?>> slow = Version(2, values => values[DeviceConnector.UpgradeDelayKey] = "300");
        ConnectorHost[] replicas = await Task.WhenAll(StartHostAsync(slow), StartHostAsync(slow));
        await WaitForVersionAsync(2, installationId, instanceIds);
        foreach (ConnectorHost replica in replicas)
        {
            await WaitForLogAsync(replica, UpgradePassDoneEvent, "the first upgrade pass of each replica");
        }

        Assert.Equal(1, _log.Count("begin", "installation", installationId));
        Assert.Equal(1, _log.Count("end", "installation", installationId));
        Assert.All(instanceIds, id => Assert.Equal((1, 1), (_log.Count("begin", "instance", id), _log.Count("end", "instance", id))));
        Assert.All(_log.Entries(), entry => Assert.Equal(1, entry.FromVersion));
        IReadOnlyList<UpgradeLogEntry> entries = _log.Entries();
        int installationEnd = entries.ToList().FindIndex(entry => entry is { What: "end", Kind: "installation" });
        Assert.All(entries.Where(entry => entry.Kind == "instance"), entry => Assert.True(entries.ToList().IndexOf(entry) > installationEnd, "an instance hook ran before its installation's"));
        IConnectorStore store = Store.Open();
        Assert.All(await store.ListUpgradesAsync(CancellationToken.None), record => Assert.Equal((2, UpgradeStatus.UpToDate, 1), (record.Version, record.Status, record.Attempts)));
    }

    [Fact]
    public async Task Start_V1_RunsNoHookForWhatItSetUp()
    {
        (string installationId, string[] instanceIds) = await InstallVersionOneAsync();

        // A second start of version 1 finds everything at version 1.
        ConnectorHost again = await StartHostAsync(Version(1));
        await WaitForLogAsync(again, UpgradePassDoneEvent, "the first upgrade pass");

        Assert.Empty(_log.Entries());
        IConnectorStore store = Store.Open();
        Assert.Equal(1, (await store.GetUpgradeAsync("installation/" + installationId, CancellationToken.None))!.Version);
        foreach (string id in instanceIds)
        {
            Assert.Equal((1, 0), ((await store.GetUpgradeAsync("instance/" + id, CancellationToken.None))!.Version, (await store.GetUpgradeAsync("instance/" + id, CancellationToken.None))!.Attempts));
        }
    }

    [Fact]
    public async Task Start_TargetedRollOut_TouchesOnlyTheChosenInstanceThenTheRest()
    {
        (string installationId, string[] instanceIds) = await InstallVersionOneAsync();
        string chosen = instanceIds[1];

        ConnectorHost targeted = await StartHostAsync(Version(2, values =>
        {
            values["Connctd:Upgrade:Instances:0"] = chosen;
            values[DeviceConnector.ExtraDeviceKey] = "true";
            values["Connctd:ThingSync"] = "Apply";
        }));
        await WaitForLogAsync(targeted, ThingSyncDoneEvent, "the targeted re-sync");

        Assert.Equal([new UpgradeLogEntry("begin", "instance", chosen, 1), new UpgradeLogEntry("end", "instance", chosen, 1)], _log.Entries());
        Assert.Equal(2, Platform.GetThings(chosen).Count);
        Assert.All(instanceIds.Where(id => id != chosen), id => Assert.Single(Platform.GetThings(id)));
        IConnectorStore store = Store.Open();
        Assert.Equal(1, (await store.GetUpgradeAsync("installation/" + installationId, CancellationToken.None))!.Version);
        Assert.Equal(2, (await store.GetUpgradeAsync("instance/" + chosen, CancellationToken.None))!.Version);
        foreach (string id in instanceIds.Where(id => id != chosen))
        {
            Assert.Equal(1, (await store.GetUpgradeAsync("instance/" + id, CancellationToken.None))!.Version);
        }
        await targeted.StopAsync();

        // Then the rest: every other hook once, the chosen one not again.
        ConnectorHost rest = await StartHostAsync(Version(2, values =>
        {
            values[DeviceConnector.ExtraDeviceKey] = "true";
            values["Connctd:ThingSync"] = "Apply";
        }));
        await WaitForVersionAsync(2, installationId, instanceIds);
        await WaitForLogAsync(rest, ThingSyncDoneEvent, "the re-sync of the rest");

        Assert.Equal(1, _log.Count("begin", "instance", chosen));
        Assert.Equal(1, _log.Count("end", "installation", installationId));
        Assert.All(instanceIds, id => Assert.Equal(1, _log.Count("end", "instance", id)));
        Assert.All(instanceIds, id => Assert.Equal(2, Platform.GetThings(id).Count));
    }

    [Fact]
    public async Task Start_DryRun_ReportsPerInstanceAndChangesNothing()
    {
        (string installationId, string[] instanceIds) = await InstallVersionOneAsync();
        int created = Platform.Things.Count;

        ConnectorHost dryRun = await StartHostAsync(Version(2, values =>
        {
            values["Connctd:Upgrade:DryRun"] = "true";
            values[DeviceConnector.ExtraDeviceKey] = "true";
            values["Connctd:ThingSync"] = "Apply";
        }));
        await WaitForLogAsync(dryRun, ThingSyncDoneEvent, "the re-sync report");
        await WaitForLogAsync(dryRun, UpgradePassDoneEvent, "the upgrade plan");

        var logs = dryRun.Logs.GetSnapshot();
        Assert.Empty(_log.Entries());
        Assert.Equal(created, Platform.Things.Count);
        Assert.Contains(logs, record => record.Id.Id == 3063 && record.Message.Contains("installation " + installationId, StringComparison.Ordinal));
        Assert.All(instanceIds, id =>
        {
            Assert.Contains(logs, record => record.Id.Id == 3063 && record.Message.Contains("instance " + id + " would be upgraded from version 1 to 2", StringComparison.Ordinal));
            Assert.Contains(logs, record => record.Id.Id == 3040 && record.Message.Contains(id, StringComparison.Ordinal) && record.Message.Contains("planned", StringComparison.Ordinal));
        });
        Assert.Contains("planned", logs.Last(record => record.Id.Id == ThingSyncDoneEvent).Message, StringComparison.Ordinal);
        IConnectorStore store = Store.Open();
        Assert.All(await store.ListUpgradesAsync(CancellationToken.None), record => Assert.Equal(1, record.Version));

        UpgradeReport plan = await dryRun.Services.GetRequiredService<IConnectorUpgrader>().PlanAsync(UpgradeScope.Only([], [instanceIds[0]]));
        SubjectUpgradeReport only = Assert.Single(plan.Subjects);
        Assert.Equal(("instance", instanceIds[0], 1, UpgradeSubjectOutcome.Upgraded), (only.Kind, only.Id, only.FromVersion, only.Outcome));
        Assert.Equal([DeviceConnector.ExtraExternalId], Assert.Single(plan.Things!.Instances).Missing);
    }

    [Fact]
    public async Task Start_OneInstanceFails_RetriedWithBackoffReportedOthersUpgradedCallbacksAnswered()
    {
        (string installationId, string[] instanceIds) = await InstallVersionOneAsync();
        string failing = instanceIds[0];

        ConnectorHost host = await StartHostAsync(
            Version(2, values => values[DeviceConnector.UpgradeFailKey] = failing),
            services => services.AddHealthChecks().AddConnctdConnectorChecks());
        using MetricCollector<long> upgrades = UpgradesMetric(host);
        await WaitForVersionAsync(2, installationId, instanceIds.Skip(1).ToArray());
        IConnectorStore store = Store.Open();
        await EventuallyAsync(
            async () => (await store.GetUpgradeAsync("instance/" + failing, CancellationToken.None))!.Attempts >= 3,
            () => "three attempts of the failing instance");

        UpgradeRecord record = (await store.GetUpgradeAsync("instance/" + failing, CancellationToken.None))!;
        Assert.Equal((1, 2), (record.Version, record.TargetVersion));
        Assert.Contains("fails (test)", record.LastError, StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), log => log.Id.Id == 3061 && log.Message.Contains(failing, StringComparison.Ordinal));
        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == ConnctdHealthCheckNames.Upgrade);
        Assert.Equal(HealthStatus.Degraded, health.Entries[ConnctdHealthCheckNames.Upgrade].Status);
        Assert.Contains("instance/" + failing, health.Entries[ConnctdHealthCheckNames.Upgrade].Description, StringComparison.Ordinal);
        Assert.True(Sum(upgrades, "failed") >= 1);

        // Callbacks are answered meanwhile: a new installation of version 2 is set up and starts at version 2.
        SetupCallbackResponse installed = await Platform.ConnectTo(host.BaseAddress, DurabilityApp.CallbackPath).InstallAsync();
        Assert.Equal(201, installed.StatusCode);
        Assert.Equal(2, (await store.GetUpgradeAsync("installation/" + installed.Id, CancellationToken.None))!.Version);
        Assert.Equal(1, _log.Count("end", "installation", installationId));
    }

    [Fact]
    public async Task Kill_DuringTheRollOut_RestartResumesWithoutRunningACompletedHookAgain()
    {
        (string installationId, string[] instanceIds) = await InstallVersionOneAsync();
        string last = instanceIds.Order(StringComparer.Ordinal).Last();

        string directory = Store.NewDirectory();
        ChildConnector child = await StartChildAsync(directory, Version(2, values => values[DeviceConnector.UpgradeBlockKey] = last));
        await EventuallyAsync(() => Task.FromResult(_log.Count("begin", "instance", last) == 1), () => "the hook of the last instance started");
        child.Kill();
        Assert.Equal(0, _log.Count("end", "instance", last));

        await StartChildAsync(Kind == StoreKind.Sqlite ? directory : Store.NewDirectory(), Version(2));
        await WaitForVersionAsync(2, installationId, instanceIds);

        Assert.Equal((1, 1), (_log.Count("begin", "installation", installationId), _log.Count("end", "installation", installationId)));
        Assert.All(instanceIds.Where(id => id != last), id => Assert.Equal((1, 1), (_log.Count("begin", "instance", id), _log.Count("end", "instance", id))));
        Assert.Equal((2, 1), (_log.Count("begin", "instance", last), _log.Count("end", "instance", last)));
        IConnectorStore store = Store.Open();
        Assert.Equal(2, (await store.GetUpgradeAsync("instance/" + last, CancellationToken.None))!.Attempts);
    }

    /// <summary>Version 1 on a host of its own installs one installation with three instances of one thing each, then stops.</summary>
    private async Task<(string InstallationId, string[] InstanceIds)> InstallVersionOneAsync()
    {
        ConnectorHost host = await StartHostAsync(Version(1));
        ConnectorUnderTest sender = Platform.ConnectTo(host.BaseAddress, DurabilityApp.CallbackPath);
        SetupCallbackResponse installation = await sender.InstallAsync();
        Assert.Equal(201, installation.StatusCode);
        List<string> instances = [];
        for (int index = 0; index < 3; index++)
        {
            SetupCallbackResponse instance = await sender.InstantiateAsync(installation.Id, new Dictionary<string, string>
            {
                [DeviceConnector.DevicesParameter] = "1",
                [DeviceConnector.PropertiesParameter] = "1",
            });
            Assert.Equal(201, instance.StatusCode);
            await Platform.WaitForThingsAsync(instance.Id, 1);
            instances.Add(instance.Id);
        }

        await host.StopAsync();
        return (installation.Id, [.. instances]);
    }

    /// <summary>The settings of connector version <paramref name="version"/>, with quick polls, leases and retries.</summary>
    private Action<Dictionary<string, string?>> Version(int version, Action<Dictionary<string, string?>>? more = null) => values =>
    {
        values[DeviceConnector.VersionKey] = version.ToString(CultureInfo.InvariantCulture);
        values[DeviceConnector.UpgradeLogKey] = _log.Path;
        values["Connctd:Upgrade:PollInterval"] = "00:00:00.200";
        values["Connctd:Upgrade:LeaseDuration"] = "00:00:02";
        values["Connctd:Upgrade:RetryDelay"] = "00:00:00.100";
        values["Connctd:Upgrade:MaxRetryDelay"] = "00:00:00.400";
        more?.Invoke(values);
    };

    /// <summary>Waits until the installation and the instances are recorded at <paramref name="version"/>, up to date.</summary>
    private async Task WaitForVersionAsync(int version, string installationId, string[] instanceIds)
    {
        IConnectorStore store = Store.Open();
        string[] subjects = ["installation/" + installationId, .. instanceIds.Select(id => "instance/" + id)];
        IReadOnlyList<UpgradeRecord> records = [];
        await EventuallyAsync(
            async () =>
            {
                records = await store.ListUpgradesAsync(CancellationToken.None);
                return subjects.All(subject => records.Any(record => record.Subject == subject && record.Version == version && record.Status == UpgradeStatus.UpToDate));
            },
            () => $"every subject at version {version}: {string.Join("; ", records)}");
    }

    private static Task WaitForLogAsync(ConnectorHost host, int eventId, string what) =>
        EventuallyAsync(() => Task.FromResult(host.Logs.GetSnapshot().Any(record => record.Id.Id == eventId)), () => what + "\n" + host.LogText());

    private static MetricCollector<long> UpgradesMetric(ConnectorHost host) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), ConnctdDiagnostics.MeterName, ConnctdMetricNames.Upgrades);

    private static long Sum(MetricCollector<long> collector, string outcome) =>
        collector.GetMeasurementSnapshot().Where(measurement => Equals(measurement.Tags[ConnctdTagNames.UpgradeOutcome], outcome)).Sum(measurement => measurement.Value);
}

public sealed class SqliteUpgradeTests() : UpgradeTests(StoreKind.Sqlite);

public sealed class PostgreSqlUpgradeTests() : UpgradeTests(StoreKind.PostgreSql);
