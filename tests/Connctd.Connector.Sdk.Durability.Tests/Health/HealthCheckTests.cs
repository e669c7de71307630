using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.Durability.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connctd.Connector.Sdk.Durability.Tests.Health;

/// <summary>The outbox and circuit health checks follow an outage and the recovery from it.</summary>
public abstract class HealthCheckTests(StoreKind kind) : DurabilityTestBase(kind)
{
    [Fact]
    public async Task OutboxCheck_OldestMessageOlderThanThreshold_DegradedUntilDelivered()
    {
        ConnectorHost host = await StartHostAsync(services: services => services.AddHealthChecks().AddConnctdConnectorChecks(TimeSpan.FromSeconds(1)));
        string instanceId = await InstantiateAsync(host.BaseAddress, devices: 1, properties: 1);
        var produced = new ProducedUpdates();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, ConnctdHealthCheckNames.Outbox)).Status);

        Platform.Faults.FailFor(TimeSpan.FromMinutes(10));
        await ProducedUpdates.QueueAsync(host.Platform, instanceId, produced.Next(new PropertyKey(DeviceConnector.ExternalId(1), DeviceConnector.PropertyId(0))));
        HealthReportEntry degraded = default;
        await EventuallyAsync(
            async () => (degraded = await CheckAsync(host, ConnctdHealthCheckNames.Outbox)).Status == HealthStatus.Degraded,
            () => $"a degraded outbox (it is {degraded.Status})");
        Assert.Equal(1L, degraded.Data["depth"]);

        Platform.Faults.Clear();
        await WaitForLastValuesAsync(instanceId, produced);
        await EventuallyAsync(async () => (await CheckAsync(host, ConnctdHealthCheckNames.Outbox)).Status == HealthStatus.Healthy, () => "a healthy outbox");
    }

    [Fact]
    public async Task PlatformCircuitCheck_RepeatedFailures_DegradedWhileOpenHealthyAfterRecovery()
    {
        // The things are created through another host: a success within the breaker's sampling window (30 s) keeps the
        // circuit closed, and this host's client has seen none.
        ConnectorHost creator = await StartHostAsync();
        string instanceId = await InstantiateAsync(creator.BaseAddress, devices: 1, properties: 4);
        await creator.StopAsync();
        ConnectorHost host = await StartHostAsync(services: services => services.AddHealthChecks().AddConnctdConnectorChecks());
        var produced = new ProducedUpdates();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, ConnctdHealthCheckNames.PlatformCircuit)).Status);

        Platform.Faults.FailFor(TimeSpan.FromMinutes(10));
        foreach (ProducedUpdate update in produced.NextRounds(ProducedUpdates.Properties(devices: 1, properties: 4), rounds: 1))
        {
            await ProducedUpdates.QueueAsync(host.Platform, instanceId, update);
        }

        await EventuallyAsync(
            async () => (await CheckAsync(host, ConnctdHealthCheckNames.PlatformCircuit)).Status == HealthStatus.Degraded,
            () => "a degraded platform circuit");

        Platform.Faults.Clear();
        await WaitForLastValuesAsync(instanceId, produced);
        await EventuallyAsync(
            async () => (await CheckAsync(host, ConnctdHealthCheckNames.PlatformCircuit)).Status == HealthStatus.Healthy,
            () => "a healthy platform circuit");
    }

    private static async Task<HealthReportEntry> CheckAsync(ConnectorHost host, string name)
    {
        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == name);
        return report.Entries[name];
    }
}

public sealed class SqliteHealthCheckTests() : HealthCheckTests(StoreKind.Sqlite);

public sealed class PostgreSqlHealthCheckTests() : HealthCheckTests(StoreKind.PostgreSql);
