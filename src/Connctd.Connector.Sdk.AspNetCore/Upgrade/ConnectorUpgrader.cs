using Connctd.Connector.Sdk.AspNetCore.Outbox;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Upgrade;

/// <summary>The <see cref="IConnectorUpgrader"/> of the runtime: claims each subject in the store, runs its hook, records the outcome.</summary>
internal sealed class ConnectorUpgrader(
    IConnectorStore store,
    TokenProtector protector,
    ConfigurationProtector configuration,
    IServiceScopeFactory scopeFactory,
    IThingSynchronizer synchronizer,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    ConnctdMetrics metrics,
    UpgradeMonitor monitor,
    TimeProvider timeProvider,
    ILogger<ConnectorUpgrader> logger) : IConnectorUpgrader
{
    private const int MaxErrorLength = 2000;

    private readonly string _owner = LeaseOwner.ForThisProcess();
    private int? _connectorVersion;

    public int TargetVersion
    {
        get
        {
            int configured = options.CurrentValue.Upgrade.Version;
            if (configured > 0)
            {
                return configured;
            }

            if (_connectorVersion is null)
            {
                using IServiceScope scope = scopeFactory.CreateScope();
                _connectorVersion = scope.ServiceProvider.GetRequiredService<Connector>().Version;
            }

            return _connectorVersion.Value;
        }
    }

    /// <summary>The version a new installation or instance records; 0 when upgrades are off.</summary>
    internal static int VersionOf(ConnctdConnectorOptions options, Connector connector) =>
        options.Upgrade.Version > 0 ? options.Upgrade.Version : Math.Max(connector.Version, 0);

    public async Task<UpgradeReport> PlanAsync(UpgradeScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        int target = TargetVersion;
        List<SubjectUpgradeReport> subjects = [];
        DateTimeOffset now = timeProvider.GetUtcNow();
        await foreach ((InstallationRecord installation, IReadOnlyList<InstanceRecord> instances) in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (scope.IncludesInstallation(installation.Id))
            {
                subjects.Add(await PlanOneAsync(UpgradeSubjects.InstallationKind, installation.Id, installation.Id, installation.State, target, now, cancellationToken).ConfigureAwait(false));
            }

            foreach (InstanceRecord instance in instances.Where(instance => scope.IncludesInstance(instance.Id, installation.Id)))
            {
                subjects.Add(await PlanOneAsync(UpgradeSubjects.InstanceKind, instance.Id, installation.Id, instance.State, target, now, cancellationToken).ConfigureAwait(false));
            }
        }

        ThingSyncReport things = await synchronizer.PlanAsync(scope, cancellationToken).ConfigureAwait(false);
        return new UpgradeReport(target, Applied: false, scope, subjects, things);
    }

    public async Task<UpgradeReport> RunAsync(UpgradeScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        int target = TargetVersion;
        List<SubjectUpgradeReport> subjects = [];
        if (target <= 0)
        {
            return new UpgradeReport(target, Applied: true, scope, subjects, Things: null);
        }

        await foreach ((InstallationRecord installation, IReadOnlyList<InstanceRecord> instances) in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            bool installationReady = true;
            if (scope.IncludesInstallation(installation.Id))
            {
                SubjectUpgradeReport report = installation.State == LifecycleState.Complete
                    ? await UpgradeOneAsync(
                        UpgradeSubjects.InstallationKind, installation.Id, installation.Id, target,
                        (from, token) => RunInstallationHookAsync(installation, from, token), cancellationToken).ConfigureAwait(false)
                    : Skipped(UpgradeSubjects.InstallationKind, installation.Id, installation.Id, "The installation is not set up completely yet.");
                subjects.Add(report);
                installationReady = report.Outcome is UpgradeSubjectOutcome.UpToDate or UpgradeSubjectOutcome.Upgraded;
            }

            foreach (InstanceRecord instance in instances.Where(instance => scope.IncludesInstance(instance.Id, installation.Id)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!installationReady)
                {
                    subjects.Add(Skipped(UpgradeSubjects.InstanceKind, instance.Id, installation.Id, "Its installation is not upgraded yet."));
                }
                else if (instance.State != LifecycleState.Complete)
                {
                    subjects.Add(Skipped(UpgradeSubjects.InstanceKind, instance.Id, installation.Id, "The instance is not set up completely yet."));
                }
                else
                {
                    subjects.Add(await UpgradeOneAsync(
                        UpgradeSubjects.InstanceKind, instance.Id, installation.Id, target,
                        (from, token) => RunInstanceHookAsync(instance, installation, from, token), cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return new UpgradeReport(target, Applied: true, scope, subjects, Things: null);
    }

    private async IAsyncEnumerable<(InstallationRecord Installation, IReadOnlyList<InstanceRecord> Instances)> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (InstallationRecord installation in await store.ListInstallationsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return (installation, await store.ListInstancesAsync(installation.Id, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<SubjectUpgradeReport> PlanOneAsync(string kind, string id, string installationId, LifecycleState state, int target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        UpgradeRecord? record = await store.GetUpgradeAsync(kind + "/" + id, cancellationToken).ConfigureAwait(false);
        int from = record?.Version ?? 0;
        if (target <= 0 || from >= target)
        {
            return new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.UpToDate, null);
        }

        if (state != LifecycleState.Complete)
        {
            return new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Skipped, "Not set up completely yet.");
        }

        return record is { Status: UpgradeStatus.Running, LeaseExpiresAt: { } expires } && expires > now
            ? new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Waiting, "Being upgraded by another replica.")
            : new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Upgraded, record?.LastError);
    }

    private static SubjectUpgradeReport Skipped(string kind, string id, string installationId, string why) =>
        new(kind, id, installationId, 0, UpgradeSubjectOutcome.Skipped, why);

    private async Task<SubjectUpgradeReport> UpgradeOneAsync(
        string kind, string id, string installationId, int target, Func<int, CancellationToken, Task> hook, CancellationToken cancellationToken)
    {
        string subject = kind + "/" + id;
        UpgradeOptions settings = options.CurrentValue.Upgrade;
        UpgradeRecord? claim = await store.TryClaimUpgradeAsync(subject, target, _owner, timeProvider.GetUtcNow(), settings.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            UpgradeRecord? record = await store.GetUpgradeAsync(subject, cancellationToken).ConfigureAwait(false);
            if (record is null || record.Version >= target)
            {
                monitor.Cleared(subject);
                return new SubjectUpgradeReport(kind, id, installationId, record?.Version ?? target, UpgradeSubjectOutcome.UpToDate, null);
            }

            return new SubjectUpgradeReport(
                kind, id, installationId, record.Version, UpgradeSubjectOutcome.Waiting,
                record.Status == UpgradeStatus.Failed ? record.LastError : "Being upgraded by another replica.");
        }

        int from = claim.Version;
        using var hookCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewalStop = new CancellationTokenSource();
        var leaseLost = new StrongBox<bool>();
        Task renewal = RenewAsync(subject, kind, id, settings.LeaseDuration, hookCancellation, leaseLost, renewalStop.Token);
        Exception? failure = null;
        try
        {
            await hook(from, hookCancellation.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            await renewalStop.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        if (leaseLost.Value)
        {
            return new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Waiting, "The lease was lost to another replica.");
        }

        if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Stopping: hand the subject back at once, so that the next start or another replica resumes it.
            await store.FailUpgradeAsync(subject, _owner, "The replica stopped during the upgrade.", now, now, CancellationToken.None).ConfigureAwait(false);
            throw failure;
        }

        if (failure is not null)
        {
            TimeSpan delay = Backoff(settings, claim.Attempts);
            DateTimeOffset next = now + delay;
            string error = Describe(failure);
            await store.FailUpgradeAsync(subject, _owner, error, now, next, CancellationToken.None).ConfigureAwait(false);
            metrics.UpgradeRan(kind, "failed");
            monitor.Failed(subject, new FailingUpgrade(error, claim.Attempts, next));
            Log.UpgradeFailed(logger, failure, kind, id, from, target, claim.Attempts, next);
            return new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Failed, error);
        }

        if (!await store.CompleteUpgradeAsync(subject, _owner, now, CancellationToken.None).ConfigureAwait(false))
        {
            Log.UpgradeLeaseLost(logger, kind, id);
            return new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Waiting, "The lease was lost to another replica.");
        }

        metrics.UpgradeRan(kind, "succeeded");
        monitor.Cleared(subject);
        Log.UpgradeSucceeded(logger, kind, id, from, target, claim.Attempts);
        return new SubjectUpgradeReport(kind, id, installationId, from, UpgradeSubjectOutcome.Upgraded, null);
    }

    /// <summary>Renews the lease every third of its duration until stopped; cancels the hook when the lease is gone.</summary>
    private async Task RenewAsync(
        string subject, string kind, string id, TimeSpan leaseDuration, CancellationTokenSource hook, StrongBox<bool> leaseLost, CancellationToken stop)
    {
        TimeSpan interval = leaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, timeProvider, stop).ConfigureAwait(false);
                if (!await store.RenewUpgradeLeaseAsync(subject, _owner, timeProvider.GetUtcNow() + leaseDuration, stop).ConfigureAwait(false))
                {
                    leaseLost.Value = true;
                    Log.UpgradeLeaseLost(logger, kind, id);
                    await hook.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store is unreachable: the hook goes on; if the lease expires meanwhile, the completion finds it lost.
            Log.UpgradeRunnerFailed(logger, exception, interval);
        }
    }

    private async Task RunInstallationHookAsync(InstallationRecord installation, int from, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            Connector connector = scope.ServiceProvider.GetRequiredService<Connector>();
            IConnectorPlatform platform = scope.ServiceProvider.GetRequiredService<IConnectorPlatform>();
            InstallationContext context = installation.ToContext(protector.UnprotectInstallationToken(installation.ProtectedToken), platform, configuration);
            await connector.OnUpgradeAsync(context, from, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunInstanceHookAsync(InstanceRecord instance, InstallationRecord installation, int from, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            Connector connector = scope.ServiceProvider.GetRequiredService<Connector>();
            IConnectorPlatform platform = scope.ServiceProvider.GetRequiredService<IConnectorPlatform>();
            InstanceContext context = instance.ToContext(installation, protector.UnprotectInstanceToken(instance.ProtectedToken), platform, configuration);
            await connector.OnUpgradeAsync(context, from, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt: the first delay, doubled per attempt, capped.</summary>
    internal static TimeSpan Backoff(UpgradeOptions settings, int attempts)
    {
        double factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        double ticks = Math.Min(settings.RetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static string Describe(Exception exception)
    {
        string text = exception.GetType().Name + ": " + exception.Message;
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    private sealed class StrongBox<T>
    {
        public T? Value { get; set; }
    }
}
